package dev.observa.spring.internal;

import dev.observa.metrics.ScrapeResponder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.core.io.AbstractResource;

/**
 * Spring Boot's {@code /actuator/prometheus} answering with Observa's exposition, streamed from a buffer reused
 * from scrape to scrape instead of a {@code byte[]} copy of the whole answer. Boot's endpoint bean is replaced by
 * this one (see {@code ObservaPrometheusEndpointAutoConfiguration}), so its id, exposure, security and content
 * negotiation (text 0.0.4, OpenMetrics 1.0.0, protobuf: the {@link PrometheusOutputFormat} Actuator chose) stay
 * Boot's. A scrape filtered with {@code includedNames} is answered by Boot's endpoint, as before. Like Boot's, it
 * does not compress: {@code server.compression} does when enabled. Not API.
 */
public final class StreamingPrometheusScrapeEndpoint extends PrometheusScrapeEndpoint {
  private final PrometheusScrapeEndpoint boot;
  private final ScrapeResponder responder;

  /**
   * @param boot Boot's endpoint, which answers filtered scrapes
   * @param responder renders {@code registry} with Observa's writers
   * @param registry the registry {@code boot} reads
   */
  public StreamingPrometheusScrapeEndpoint(PrometheusScrapeEndpoint boot, ScrapeResponder responder,
      PrometheusRegistry registry) {
    super(registry, new Properties());
    this.boot = boot;
    this.responder = responder;
  }

  @Override
  @ReadOperation(producesFrom = PrometheusOutputFormat.class)
  @SuppressWarnings({"rawtypes", "unchecked"}) // the body is a streamed resource, not Boot's byte[]
  public WebEndpointResponse scrape(PrometheusOutputFormat format, @Nullable Set<String> includedNames) {
    if (includedNames != null && !includedNames.isEmpty()) {
      return boot.scrape(format, includedNames);
    }
    try {
      ScrapeResponder.Answer answer = responder.render(format.getProducedMimeType().toString(), null);
      return new WebEndpointResponse<>(new AnswerResource(answer), format);
    } catch (IOException e) {
      throw new IllegalStateException("Failed to scrape", e);
    }
  }

  /** A rendered answer as a resource read once: reading it writes the reused buffer out and gives it back. */
  private static final class AnswerResource extends AbstractResource {
    private final ScrapeResponder.Answer answer;

    AnswerResource(ScrapeResponder.Answer answer) {
      this.answer = answer;
    }

    @Override
    public InputStream getInputStream() {
      return answer;
    }

    @Override
    public long contentLength() {
      return answer.length();
    }

    @Override
    public boolean exists() {
      return true; // without reading it, unlike AbstractResource's
    }

    @Override
    public boolean isReadable() {
      return true;
    }

    @Override
    public String getDescription() {
      return "Observa scrape (" + answer.contentType() + ")";
    }
  }
}
