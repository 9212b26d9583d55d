package dev.observa.http;

import dev.observa.Observa;
import dev.observa.meter.Gauge;
import dev.observa.meter.InstrumentCache;
import dev.observa.meter.Timer;
import dev.observa.meter.TimerBuilder;
import dev.observa.spi.Diagnostics;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The metrics of an HTTP server as OpenTelemetry's HTTP semantic conventions name them:
 * {@code http.server.request.duration} (Prometheus {@code http_server_request_duration_seconds}, buckets
 * {@link HttpAttributes#DURATION_BUCKETS}) by {@code http.request.method}, {@code url.scheme},
 * {@code http.route}, {@code http.response.status_code}, {@code error.type} and
 * {@code network.protocol.version}; and {@code http.server.active_requests} by method and scheme. An absent
 * attribute is an empty label, which Prometheus treats as no label.
 *
 * <pre>{@code
 * HttpServerMetrics metrics = new HttpServerMetrics(obs, 1000, null);
 * metrics.started(exchange);
 * ... serve ...
 * metrics.finished(exchange.route("/orders/{id}").status(200), System.nanoTime() - start);
 * }</pre>
 *
 * <p>Every value comes from an {@link HttpExchange}, so methods are known ones or {@code _OTHER} and routes
 * are templates; instruments are kept for at most {@code maxSeries} combinations. Errors, error ratio and
 * traffic all come from the histogram's {@code _count}. Never throws. Thread-safe.
 *
 * @since 0.1.0
 */
public final class HttpServerMetrics {
  /** The series budget of {@code http.server.active_requests}: known methods times a few schemes fit. */
  private static final int ACTIVE_CAPACITY = 64;

  private final Observa observa;
  private final int maxSeries;
  private final double[] buckets;
  private final InstrumentCache<Key, Timer> durations;
  private final InstrumentCache<ActiveKey, Gauge> active = new InstrumentCache<>(ACTIVE_CAPACITY);

  private record Key(String method, String scheme, String route, int status, String errorType, String version) {}

  private record ActiveKey(String method, String scheme) {}

  /**
   * @param observa the facade
   * @param maxSeries the series budget of each metric, and the most instruments kept
   * @param bucketsSeconds the duration buckets, or null for {@link HttpAttributes#DURATION_BUCKETS}
   * @throws IllegalArgumentException if {@code maxSeries} is below 1 or the buckets are not ascending
   */
  public HttpServerMetrics(Observa observa, int maxSeries, List<Double> bucketsSeconds) {
    if (maxSeries < 1) {
      throw new IllegalArgumentException("maxSeries of the HTTP server metrics is " + maxSeries + ": it must be at least 1");
    }
    this.observa = observa;
    this.maxSeries = maxSeries;
    List<Double> bounds = bucketsSeconds == null ? HttpAttributes.DURATION_BUCKETS : bucketsSeconds;
    this.buckets = bounds.stream().mapToDouble(Double::doubleValue).toArray();
    dev.observa.meter.Buckets.explicit(buckets);
    this.durations = new InstrumentCache<>(maxSeries);
  }

  /** @param exchange a request that starts being served: counted in {@code http.server.active_requests} */
  public void started(HttpExchange exchange) {
    try {
      activeRequests(exchange).add(1);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("http.server.metrics", "could not record HTTP server metrics: " + e);
    }
  }

  /**
   * @param exchange a request whose response is complete (status, route, failure set)
   * @param nanos how long it took
   */
  public void finished(HttpExchange exchange, long nanos) {
    try {
      activeRequests(exchange).add(-1);
      Key key = new Key(exchange.method(), exchange.scheme(), exchange.route(), exchange.status(), exchange.errorType(),
          exchange.protocolVersion());
      durations.get(key, this::register).record(nanos, TimeUnit.NANOSECONDS);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("http.server.metrics", "could not record HTTP server metrics: " + e);
    }
  }

  /** @return how many instruments are kept (at most {@code maxSeries} + 64), for the doctor and tests */
  public int retainedInstruments() {
    return durations.size() + active.size();
  }

  private Gauge activeRequests(HttpExchange exchange) {
    return active.get(new ActiveKey(exchange.method(), exchange.scheme()), key -> observa
        .gauge(HttpAttributes.SERVER_ACTIVE_REQUESTS).description("Number of active HTTP server requests.")
        .tag(HttpAttributes.HTTP_REQUEST_METHOD, key.method()).tag(HttpAttributes.URL_SCHEME, key.scheme())
        .maxSeries(ACTIVE_CAPACITY).register());
  }

  private Timer register(Key key) {
    TimerBuilder timer = observa.timer(HttpAttributes.SERVER_DURATION).description("Duration of HTTP server requests.")
        .tag(HttpAttributes.HTTP_REQUEST_METHOD, key.method())
        .tag(HttpAttributes.URL_SCHEME, key.scheme())
        .tag(HttpAttributes.HTTP_ROUTE, key.route())
        .tag(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, key.status() > 0 ? Integer.toString(key.status()) : null)
        .tag(HttpAttributes.ERROR_TYPE, key.errorType())
        .tag(HttpAttributes.NETWORK_PROTOCOL_VERSION, key.version())
        .maxSeries(maxSeries);
    return timer.buckets(buckets).register();
  }
}
