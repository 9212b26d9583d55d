package dev.observa.http;

import dev.observa.Observa;
import dev.observa.meter.Gauge;
import dev.observa.meter.Timer;
import dev.observa.meter.TimerBuilder;
import dev.observa.spi.Diagnostics;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
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
 * are templates; instruments are kept for at most {@code maxSeries} combinations, found per request without
 * allocating (by route, then the route's few combinations). Errors, error ratio and
 * traffic all come from the histogram's {@code _count}. Never throws. Thread-safe.
 *
 * @since 0.1.0
 */
public final class HttpServerMetrics {
  /** The series budget of {@code http.server.active_requests}: known methods times a few schemes fit. */
  private static final int ACTIVE_CAPACITY = 64;
  /** The route key of requests without a route ({@link HttpExchange#route} never holds an empty one). */
  private static final String NO_ROUTE = "";
  private static final Series[] NONE = new Series[0];

  private final Observa observa;
  private final int maxSeries;
  private final double[] buckets;
  /** Duration series by route, then scanned by their other values; written under {@code this}. */
  private final ConcurrentHashMap<String, Series[]> durations = new ConcurrentHashMap<>();
  /** Active-request gauges by method and scheme, scanned; replaced (copy on write) under {@code this}. */
  private volatile Series[] active = NONE;
  private int durationCount;
  private volatile Timer durationOverflow;
  private volatile Gauge activeOverflow;

  /**
   * One series: the values an exchange is matched on (besides the route, the map's key) and its instrument.
   * A request finds its series without allocating: one map lookup by route, then a scan of that route's few
   * series comparing references first.
   */
  private record Series(String method, String scheme, int status, String errorType, String version, Object instrument) {
    boolean matches(HttpExchange exchange, String errorType) {
      return status == exchange.status() && same(method, exchange.method()) && same(scheme, exchange.scheme())
          && same(this.errorType, errorType) && same(version, exchange.protocolVersion());
    }

    boolean matchesActive(HttpExchange exchange) {
      return same(method, exchange.method()) && same(scheme, exchange.scheme());
    }

    private static boolean same(String a, String b) {
      return a == b || a != null && a.equals(b);
    }
  }

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
  }

  /** @param exchange a request that starts being served: counted in {@code http.server.active_requests} */
  public void started(HttpExchange exchange) {
    try {
      Gauge gauge = activeRequests(exchange);
      gauge.add(1);
      exchange.activeRequests = gauge;
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
      // the gauge the request was counted in when it started (its method and scheme do not change)
      Gauge gauge = exchange.activeRequests;
      (gauge != null ? gauge : activeRequests(exchange)).add(-1);
      duration(exchange).record(nanos, TimeUnit.NANOSECONDS);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("http.server.metrics", "could not record HTTP server metrics: " + e);
    }
  }

  /** @return how many instruments are kept (at most {@code maxSeries} + 64), for the doctor and tests */
  public int retainedInstruments() {
    synchronized (this) {
      return durationCount + active.length;
    }
  }

  private Gauge activeRequests(HttpExchange exchange) {
    for (Series series : active) {
      if (series.matchesActive(exchange)) {
        return (Gauge) series.instrument();
      }
    }
    return addActive(exchange);
  }

  private Timer duration(HttpExchange exchange) {
    String route = exchange.route();
    Series[] series = durations.get(route == null ? NO_ROUTE : route);
    if (series != null) {
      String errorType = exchange.errorType();
      for (Series candidate : series) {
        if (candidate.matches(exchange, errorType)) {
          return (Timer) candidate.instrument();
        }
      }
    }
    return addDuration(exchange);
  }

  /**
   * A combination seen for the first time: registered while the budget lasts; past it, the first one
   * registered is kept as the overflow instrument (the backend folds it into the metric's overflow series,
   * the budget being spent there too) and serves every later miss, so request values never grow memory.
   */
  private synchronized Gauge addActive(HttpExchange exchange) {
    Series[] current = active;
    for (Series series : current) {
      if (series.matchesActive(exchange)) {
        return (Gauge) series.instrument();
      }
    }
    if (current.length >= ACTIVE_CAPACITY) {
      Gauge overflow = activeOverflow;
      if (overflow == null) {
        overflow = registerActive(exchange);
        activeOverflow = overflow;
      }
      return overflow;
    }
    Gauge gauge = registerActive(exchange);
    Series[] grown = Arrays.copyOf(current, current.length + 1);
    grown[current.length] = new Series(exchange.method(), exchange.scheme(), 0, null, null, gauge);
    active = grown;
    return gauge;
  }

  private synchronized Timer addDuration(HttpExchange exchange) {
    String route = exchange.route() == null ? NO_ROUTE : exchange.route();
    String errorType = exchange.errorType();
    Series[] current = durations.get(route);
    if (current != null) {
      for (Series candidate : current) {
        if (candidate.matches(exchange, errorType)) {
          return (Timer) candidate.instrument();
        }
      }
    }
    if (durationCount >= maxSeries) {
      Timer overflow = durationOverflow;
      if (overflow == null) {
        overflow = registerDuration(exchange, errorType);
        durationOverflow = overflow;
      }
      return overflow;
    }
    Timer timer = registerDuration(exchange, errorType);
    Series[] grown = current == null ? new Series[1] : Arrays.copyOf(current, current.length + 1);
    grown[grown.length - 1] = new Series(exchange.method(), exchange.scheme(), exchange.status(), errorType,
        exchange.protocolVersion(), timer);
    durations.put(route, grown);
    durationCount++;
    return timer;
  }

  private Gauge registerActive(HttpExchange exchange) {
    return observa.gauge(HttpAttributes.SERVER_ACTIVE_REQUESTS).description("Number of active HTTP server requests.")
        .tag(HttpAttributes.HTTP_REQUEST_METHOD, exchange.method()).tag(HttpAttributes.URL_SCHEME, exchange.scheme())
        .maxSeries(ACTIVE_CAPACITY).register();
  }

  private Timer registerDuration(HttpExchange exchange, String errorType) {
    TimerBuilder timer = observa.timer(HttpAttributes.SERVER_DURATION).description("Duration of HTTP server requests.")
        .tag(HttpAttributes.HTTP_REQUEST_METHOD, exchange.method())
        .tag(HttpAttributes.URL_SCHEME, exchange.scheme())
        .tag(HttpAttributes.HTTP_ROUTE, exchange.route())
        .tag(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, exchange.status() > 0 ? Integer.toString(exchange.status()) : null)
        .tag(HttpAttributes.ERROR_TYPE, errorType)
        .tag(HttpAttributes.NETWORK_PROTOCOL_VERSION, exchange.protocolVersion())
        .maxSeries(maxSeries);
    return timer.buckets(buckets).register();
  }
}
