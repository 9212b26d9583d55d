package dev.observa.http;

import dev.observa.Observa;
import dev.observa.meter.GoldenSignals;
import dev.observa.spi.Diagnostics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The golden signals of outgoing HTTP calls, {@code http.client.*} by method and server address (never the
 * full URL): a 5xx answer counts as {@code error="http_<status>"}, an exception by its class name. Shared by
 * every HTTP client instrumentation. Never throws. Thread-safe.
 *
 * @since 0.1.0
 */
public final class HttpClientMetrics {
  private final Observa observa;
  private final int maxSeries;
  private final Map<String, GoldenSignals> signals = new ConcurrentHashMap<>();

  /**
   * @param observa the facade
   * @param maxSeries the series budget of the client metrics
   */
  public HttpClientMetrics(Observa observa, int maxSeries) {
    this.observa = observa;
    this.maxSeries = maxSeries;
  }

  /**
   * @param method the HTTP method
   * @param server host and port
   * @param status the answer's status, or 0 when there was none
   * @param failure the exception the call ended with, or null
   * @param nanos how long the call took
   */
  public void record(String method, String server, int status, Throwable failure, long nanos) {
    try {
      GoldenSignals golden = signals.computeIfAbsent(method + " " + server, key -> observa.goldenSignals("http.client")
          .description("HTTP client requests").tag("http.request.method", method).tag("server.address", server)
          .maxSeries(maxSeries).withoutInFlight().register());
      if (failure == null && status >= 500) {
        golden.recordFailure(Duration.ofNanos(nanos), "http_" + status);
      } else {
        golden.record(Duration.ofNanos(nanos), failure);
      }
    } catch (RuntimeException e) {
      Diagnostics.warn("http.client.metrics", "could not record HTTP client metrics: " + e);
    }
  }
}
