package dev.observa.spring;

import dev.observa.Observa;
import dev.observa.http.HttpClientMetrics;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.trace.SpanKind;
import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The client side of HTTP for {@code RestClient} and {@code RestTemplate}: a CLIENT span per call, the
 * current context and declared baggage injected into the request headers, and golden signals
 * {@code http.client.*} by method and server address (never the full URL).
 *
 * @since 0.1.0
 */
public class ObservaClientInterceptor implements ClientHttpRequestInterceptor {
  private final Observa observa;
  private final HttpClientMetrics metrics;

  /**
   * @param observa the facade
   * @param maxSeries the series budget of the client metrics
   */
  public ObservaClientInterceptor(Observa observa, int maxSeries) {
    this.observa = observa;
    this.metrics = new HttpClientMetrics(observa, maxSeries);
  }

  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
      throws IOException {
    String method = request.getMethod().name();
    String host = request.getURI().getHost() == null ? "unknown" : request.getURI().getHost();
    int port = request.getURI().getPort();
    long start = System.nanoTime();
    Throwable failure = null;
    int status = 0;
    try (ActiveSpan span = observa.span(method).kind(SpanKind.CLIENT)
        .attribute("http.request.method", method)
        .attribute("url.full", request.getURI().toString())
        .attribute("server.address", host)
        .attribute("server.port", (long) port)
        .startActive()) {
      observa.inject(request.getHeaders(), (headers, key, value) -> headers.set(key, value));
      try {
        ClientHttpResponse response = execution.execute(request, body);
        status = response.getStatusCode().value();
        span.attribute("http.response.status_code", (long) status);
        if (status >= 500) {
          span.error("HTTP " + status);
        }
        return response;
      } catch (IOException | RuntimeException | Error e) {
        failure = e;
        span.recordException(e);
        throw e;
      }
    } finally {
      metrics.record(method, host + (port > 0 ? ":" + port : ""), status, failure, System.nanoTime() - start);
    }
  }

}
