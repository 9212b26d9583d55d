package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.metrics.PrometheusMetrics;
import dev.observa.spring.internal.StreamingPrometheusScrapeEndpoint;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.Resource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Actuator's {@code /actuator/prometheus} operation, with the starter present, answers Observa's exposition from a
 * reused buffer: byte for byte what the standalone {@code /metrics} answers for each format Actuator negotiates.
 */
class StreamingPrometheusEndpointTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
          PrometheusMetricsExportAutoConfiguration.class, ObservaAutoConfiguration.class,
          ObservaPrometheusEndpointAutoConfiguration.class))
      .withPropertyValues("management.endpoints.web.exposure.include=prometheus");

  private static byte[] body(WebEndpointResponse<?> response) throws Exception {
    if (response.getBody() instanceof byte[] bytes) {
      return bytes;
    }
    try (InputStream in = ((Resource) response.getBody()).getInputStream()) {
      return in.readAllBytes();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void actuatorPrometheusAnswersWhatTheMetricsServletAnswersForEachFormat() {
    runner.run(context -> {
      Observa obs = context.getBean(Observa.class);
      obs.counter("served").register().increment(3);
      obs.histogram("rpc.latency").baseUnit("seconds").nativeBuckets(1.1).register().record(0.003);
      PrometheusScrapeEndpoint endpoint = context.getBean(PrometheusScrapeEndpoint.class);
      assertThat(endpoint).isInstanceOf(StreamingPrometheusScrapeEndpoint.class);
      PrometheusMetrics metrics = context.getBean(PrometheusMetrics.class);
      for (PrometheusOutputFormat format : PrometheusOutputFormat.values()) {
        for (int round = 0; round < 3; round++) { // the buffer is reused from scrape to scrape
          WebEndpointResponse<?> response = endpoint.scrape(format, null);
          assertThat(response.getStatus()).isEqualTo(200);
          assertThat(response.getContentType()).isEqualTo(format.getProducedMimeType());
          assertThat(response.getBody()).isInstanceOf(Resource.class);
          byte[] expected = metrics.scrape(format.getProducedMimeType().toString()).bytes();
          assertThat(body(response)).as("%s, scrape %d", format, round).isEqualTo(expected);
          assertThat(((Resource) response.getBody()).contentLength()).isEqualTo(expected.length);
        }
      }
      String text = new String(body(endpoint.scrape(PrometheusOutputFormat.CONTENT_TYPE_004, null)),
          java.nio.charset.StandardCharsets.UTF_8);
      assertThat(text).contains("served_total 3.0");
    });
  }

  @Test
  void filteredScrapeIsAnsweredByBootsEndpoint() {
    runner.run(context -> {
      Observa obs = context.getBean(Observa.class);
      obs.counter("served").register().increment();
      obs.counter("other").register().increment();
      PrometheusScrapeEndpoint endpoint = context.getBean(PrometheusScrapeEndpoint.class);
      // Boot filters by the metric family name (prometheus-metrics' name, without _total)
      WebEndpointResponse<?> response = endpoint.scrape(PrometheusOutputFormat.CONTENT_TYPE_004, Set.of("served"));
      assertThat(response.getBody()).isInstanceOf(byte[].class);
      String text = new String(body(response), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(text).contains("served_total").doesNotContain("other_total");
    });
  }

  @Test
  void bootsEndpointStaysWhenStreamingIsTurnedOffOrTheEndpointIsNotExposed() {
    runner.withPropertyValues("observa.metrics.actuator-streaming=false").run(context ->
        assertThat(context.getBean(PrometheusScrapeEndpoint.class).getClass()).isEqualTo(PrometheusScrapeEndpoint.class));
    runner.withPropertyValues("management.endpoints.web.exposure.include=health").run(context ->
        assertThat(context).doesNotHaveBean(PrometheusScrapeEndpoint.class));
  }

  /**
   * Boot picks the newest format an {@code Accept} header names, whatever its weight; Prometheus 3 configured with
   * {@code scrape_protocols: [PrometheusText0.0.4, OpenMetricsText1.0.0]} asks for text with a higher {@code q}.
   */
  @Test
  void acceptWeightsDecideTheFormatOverBootsNewestFormatChoice() {
    runner.run(context -> {
      context.getBean(Observa.class).counter("served").register().increment();
      PrometheusScrapeEndpoint endpoint = context.getBean(PrometheusScrapeEndpoint.class);
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
      request.addHeader("Accept", "text/plain;version=0.0.4;q=0.5,application/openmetrics-text;version=1.0.0;q=0.4");
      RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
      try {
        // what Boot's ProducibleOperationArgumentResolver hands over for that header
        WebEndpointResponse<?> response = endpoint.scrape(PrometheusOutputFormat.CONTENT_TYPE_OPENMETRICS_100, null);
        assertThat(response.getContentType()).isEqualTo(PrometheusOutputFormat.CONTENT_TYPE_004.getProducedMimeType());
        assertThat(new String(body(response), java.nio.charset.StandardCharsets.UTF_8))
            .contains("served_total 1.0").doesNotContain("# EOF");
      } finally {
        RequestContextHolder.resetRequestAttributes();
      }
    });
  }
}
