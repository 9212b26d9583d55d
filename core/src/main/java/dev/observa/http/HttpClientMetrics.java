package dev.observa.http;

import dev.observa.Observa;
import dev.observa.meter.InstrumentCache;
import dev.observa.meter.Timer;
import dev.observa.spi.Diagnostics;
import java.util.concurrent.TimeUnit;

/**
 * The metric of outgoing HTTP calls as OpenTelemetry's HTTP semantic conventions name it:
 * {@code http.client.request.duration} (Prometheus {@code http_client_request_duration_seconds}, buckets
 * {@link HttpAttributes#DURATION_BUCKETS}) by {@code http.request.method}, {@code server.address},
 * {@code server.port}, {@code http.response.status_code}, {@code error.type} and
 * {@code network.protocol.version} (never the URL). A client counts 4xx and 5xx answers as errors. Shared by
 * every HTTP client instrumentation.
 *
 * <pre>{@code
 * HttpClientMetrics metrics = new HttpClientMetrics(obs, 1000);
 * metrics.record(HttpExchange.client(HttpMethods.defaults(), "GET", uri).status(200), elapsedNanos);
 * }</pre>
 *
 * <p>The server address comes from the URL called, which may come from request data: at most
 * {@code maxSeries} combinations are kept and get series; further ones go to the overflow series. Never
 * throws. Thread-safe.
 *
 * @since 0.1.0
 */
public final class HttpClientMetrics {
  private final Observa observa;
  private final int maxSeries;
  private final InstrumentCache<Key, Timer> durations;

  private record Key(String method, String address, int port, int status, String errorType, String version) {}

  /**
   * @param observa the facade
   * @param maxSeries the series budget of the metric, and the most instruments kept
   * @throws IllegalArgumentException if {@code maxSeries} is below 1
   */
  public HttpClientMetrics(Observa observa, int maxSeries) {
    if (maxSeries < 1) {
      throw new IllegalArgumentException("maxSeries of the HTTP client metrics is " + maxSeries + ": it must be at least 1");
    }
    this.observa = observa;
    this.maxSeries = maxSeries;
    this.durations = new InstrumentCache<>(maxSeries);
  }

  /**
   * @param exchange a finished call (status or failure set)
   * @param nanos how long it took
   */
  public void record(HttpExchange exchange, long nanos) {
    try {
      Key key = new Key(exchange.method(), exchange.serverAddress(), exchange.serverPort(), exchange.status(),
          exchange.errorType(), exchange.protocolVersion());
      durations.get(key, this::register).record(nanos, TimeUnit.NANOSECONDS);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("http.client.metrics", "could not record HTTP client metrics: " + e);
    }
  }

  /** @return how many instruments are kept (at most {@code maxSeries}), for the doctor and tests */
  public int retainedInstruments() {
    return durations.size();
  }

  private Timer register(Key key) {
    return observa.timer(HttpAttributes.CLIENT_DURATION).description("Duration of HTTP client requests.")
        .tag(HttpAttributes.HTTP_REQUEST_METHOD, key.method())
        .tag(HttpAttributes.SERVER_ADDRESS, key.address())
        .tag(HttpAttributes.SERVER_PORT, key.port() > 0 ? Integer.toString(key.port()) : null)
        .tag(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, key.status() > 0 ? Integer.toString(key.status()) : null)
        .tag(HttpAttributes.ERROR_TYPE, key.errorType())
        .tag(HttpAttributes.NETWORK_PROTOCOL_VERSION, key.version())
        .buckets(HttpAttributes.DURATION_BUCKETS.stream().mapToDouble(Double::doubleValue).toArray())
        .maxSeries(maxSeries).register();
  }
}
