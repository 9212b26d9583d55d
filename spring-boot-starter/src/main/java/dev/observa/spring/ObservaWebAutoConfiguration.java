package dev.observa.spring;

import dev.observa.metrics.PrometheusMetrics;
import dev.observa.metrics.ScrapeResponder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Servlet web applications: when Actuator's Prometheus endpoint is not on the classpath and
 * {@code observa.metrics.endpoint=true}, a {@code /metrics} servlet of its own (text, OpenMetrics with
 * exemplars or protobuf with native histograms, as the {@code Accept} header asks). Requests themselves are
 * observed through Spring's server observation, handled by Observa
 * ({@link dev.observa.spring.observation.ObservaObservationAutoConfiguration}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ObservaAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({HandlerMapping.class, ServletRegistrationBean.class})
public final class ObservaWebAutoConfiguration {
  /**
   * The key of the server's duration buckets under {@code observa.metrics.buckets} and the SLO operation
   * of its metrics: {@code http_server_request_duration_seconds}.
   */
  public static final String SERVER_OPERATION = "http.server.request";

  /**
   * Serves {@code /metrics} when Actuator's {@code /actuator/prometheus} is not available and the application
   * asks for it with {@code observa.metrics.endpoint=true}: the starter opens no HTTP path by itself.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "observa.metrics", name = "endpoint", havingValue = "true")
  @ConditionalOnMissingClass(
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint")
  static class StandaloneMetricsEndpoint {
    @Bean
    ServletRegistrationBean<HttpServlet> observaMetricsServlet(PrometheusMetrics metrics) {
      // rendered into buffers reused from scrape to scrape, gzipped there when the scraper accepts it
      ScrapeResponder responder = ScrapeResponder.of(metrics);
      HttpServlet servlet = new HttpServlet() {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
          responder.respond(request.getHeader("Accept"), request.getHeader("Accept-Encoding"),
              (contentType, contentEncoding, length) -> {
                response.setContentType(contentType);
                if (contentEncoding != null) {
                  response.setHeader("Content-Encoding", contentEncoding);
                }
                response.addHeader("Vary", "Accept, Accept-Encoding");
                response.setContentLength(length);
                return response.getOutputStream();
              });
        }
      };
      return new ServletRegistrationBean<>(servlet, "/metrics");
    }
  }
}
