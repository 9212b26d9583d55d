package dev.observa.spring.internal;

import dev.observa.metrics.ScrapeResponder;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.core.io.AbstractResource;
import org.springframework.util.ClassUtils;
import org.springframework.util.MimeType;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Spring Boot's {@code /actuator/prometheus} answering with Observa's exposition, streamed from a buffer reused
 * from scrape to scrape instead of a {@code byte[]} copy of the whole answer. Boot's endpoint bean is replaced by
 * this one (see {@code ObservaPrometheusEndpointAutoConfiguration}), so its id, exposure, security and content
 * negotiation (text 0.0.4, OpenMetrics 1.0.0, protobuf: the {@link PrometheusOutputFormat} Actuator chose) stay
 * Boot's, except that on a servlet request the {@code Accept} header's {@code q} weights decide among the formats
 * it names, as {@code /metrics} decides: Boot picks the newest format named whatever its weight, so a Prometheus
 * preferring text ({@code scrape_protocols}) got OpenMetrics. A scrape filtered with {@code includedNames} is answered by Boot's endpoint, as before. Like Boot's, it
 * does not compress: {@code server.compression} does when enabled. Not API.
 */
public final class StreamingPrometheusScrapeEndpoint extends PrometheusScrapeEndpoint {
  private static final boolean SERVLET = ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest",
      StreamingPrometheusScrapeEndpoint.class.getClassLoader());
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
      return render(format);
    } catch (IOException e) {
      throw new IllegalStateException("Failed to scrape", e);
    }
  }

  /** @return the answer in the format the request's {@code Accept} weights prefer, else in {@code boot}'s */
  private WebEndpointResponse<AnswerResource> render(PrometheusOutputFormat boot) throws IOException {
    String accept = SERVLET ? ServletAccept.header() : null;
    if (accept != null) {
      ScrapeResponder.Answer answer = responder.render(accept, null);
      MimeType rendered = MimeType.valueOf(answer.contentType());
      for (PrometheusOutputFormat format : PrometheusOutputFormat.values()) {
        if (format.getProducedMimeType().equalsTypeAndSubtype(rendered)) {
          return new WebEndpointResponse<>(new AnswerResource(answer), format);
        }
      }
      answer.close(); // cannot happen (one content type per format): Boot's choice below
    }
    ScrapeResponder.Answer answer = responder.render(boot.getProducedMimeType().toString(), null);
    return new WebEndpointResponse<>(new AnswerResource(answer), boot);
  }

  /** The servlet side, loaded only where the servlet API is (a WebFlux application keeps Boot's choice). */
  private static final class ServletAccept {
    /** @return the {@code Accept} header of the servlet request being answered, or null */
    static @Nullable String header() {
      try {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet)) {
          return null;
        }
        Enumeration<String> values = servlet.getRequest().getHeaders("Accept");
        return values == null || !values.hasMoreElements() ? null : String.join(",", Collections.list(values));
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) { // a request we cannot read: Boot's choice stands
        return null;
      }
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
