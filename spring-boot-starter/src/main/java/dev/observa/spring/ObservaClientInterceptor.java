package dev.observa.spring;

import dev.observa.Observa;
import dev.observa.http.HttpClientMetrics;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import dev.observa.trace.ActiveSpan;
import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The client side of HTTP for {@code RestClient} and {@code RestTemplate}: a CLIENT span per call with
 * OpenTelemetry's HTTP attributes, the current context and declared baggage injected into the request
 * headers, and {@code http.client.request.duration} by method, server address and port, status and
 * {@code error.type} (never the URL; {@link HttpClientMetrics}). A 4xx or 5xx answer is an error.
 *
 * <pre>{@code
 * RestClient.builder().requestInterceptor(new ObservaClientInterceptor(observa, 1000)).build();
 * }</pre>
 *
 * <p>The span and the measurement end when the response headers have been read (before the body).
 *
 * @since 0.1.0
 */
public class ObservaClientInterceptor implements ClientHttpRequestInterceptor {
  private final Observa observa;
  private final HttpMethods methods;
  private final HttpClientMetrics metrics;

  /**
   * @param observa the facade
   * @param maxSeries the series budget of the client metrics
   */
  public ObservaClientInterceptor(Observa observa, int maxSeries) {
    this(observa, maxSeries, HttpMethods.defaults());
  }

  /**
   * @param observa the facade
   * @param maxSeries the series budget of the client metrics
   * @param methods the methods reported as they are; others are {@code _OTHER}
   */
  public ObservaClientInterceptor(Observa observa, int maxSeries, HttpMethods methods) {
    this.observa = observa;
    this.methods = methods;
    this.metrics = new HttpClientMetrics(observa, maxSeries);
  }

  /** @return the client metrics (for the doctor and tests) */
  public HttpClientMetrics metrics() {
    return metrics;
  }

  @Override
  public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
      throws IOException {
    HttpExchange exchange = HttpExchange.client(methods, request.getMethod().name(), request.getURI());
    long start = System.nanoTime();
    try (ActiveSpan span = exchange.span(observa).startActive()) {
      observa.inject(request.getHeaders(), (headers, key, value) -> headers.set(key, value));
      try {
        ClientHttpResponse response = execution.execute(request, body);
        exchange.status(response.getStatusCode().value());
        return response;
      } catch (IOException | RuntimeException | Error e) {
        exchange.failure(e);
        throw e;
      } finally {
        exchange.end(span);
        // recorded while the span is current, so the duration bucket can take it as its exemplar
        metrics.record(exchange, System.nanoTime() - start);
      }
    }
  }
}
