package dev.observa.spring;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.ObservaContext;
import dev.observa.meter.Gauge;
import dev.observa.meter.GoldenSignals;
import dev.observa.meter.GoldenSignalsBuilder;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The server side of HTTP: extracts the caller's context from every value of the propagation headers,
 * takes the tenant from the configured header, runs the request in a SERVER span named
 * {@code METHOD route} with OpenTelemetry HTTP attributes, records golden signals per route template
 * ({@code http.server.*}, never the raw path), and adds a W3C {@code traceresponse} header.
 *
 * @since 0.1.0
 */
public class ObservaServerFilter extends OncePerRequestFilter {
  private static final String UNMATCHED = "unmatched";

  private final Observa observa;
  private final ObservaProperties properties;
  private final Map<String, GoldenSignals> signals = new ConcurrentHashMap<>();
  private final Map<String, Gauge> active = new ConcurrentHashMap<>();

  /**
   * @param observa the facade
   * @param properties tenant header, budgets and buckets
   */
  public ObservaServerFilter(Observa observa, ObservaProperties properties) {
    this.observa = observa;
    this.properties = properties;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String method = request.getMethod();
    ObservaContext context = observa.extract(request, Carriers.headers(request::getHeaders, request::getHeaderNames));
    String tenantHeader = properties.getTenant().getHeader();
    String tenant = tenantHeader == null || tenantHeader.isEmpty() ? null : request.getHeader(tenantHeader);
    if (tenant != null && !tenant.isBlank()) {
      context = context.withTenant(tenant.length() > 256 ? tenant.substring(0, 256) : tenant);
    }
    long start = System.nanoTime();
    Gauge inFlight = active.computeIfAbsent(method, m -> observa.gauge("http.server.active_requests")
        .description("HTTP requests being served").tag("http.request.method", m).register());
    inFlight.add(1);
    Throwable failure = null;
    try (Scope scope = context.makeCurrent();
         ActiveSpan span = observa.span(method).kind(SpanKind.SERVER)
             .attribute("http.request.method", method)
             .attribute("url.path", request.getRequestURI())
             .attribute("url.scheme", request.getScheme())
             .attribute("server.address", request.getServerName())
             .attribute("server.port", (long) request.getServerPort())
             .startActive()) {
      if (properties.getHttp().isTraceResponseHeader() && span.context().hasSpan()) {
        ObservaContext current = span.context();
        // W3C traceresponse: "supports only two flags: sampled and random-trace-id"; others MUST be zero
        response.setHeader("traceresponse", "00-" + current.traceId() + "-" + current.spanId() + "-0"
            + (current.spanContext().getTraceFlags().asByte() & 0x03));
      }
      try {
        chain.doFilter(request, response);
      } catch (IOException | ServletException | RuntimeException | Error e) {
        failure = e;
        span.recordException(rootCause(e));
        throw e;
      } finally {
        String route = route(request);
        int status = failure != null && response.getStatus() < 500 ? 500 : response.getStatus();
        span.span().updateName(UNMATCHED.equals(route) ? method : method + " " + route);
        span.attribute("http.route", route);
        span.attribute("http.response.status_code", (long) status);
        if (status >= 500 && failure == null) {
          span.error("HTTP " + status);
        }
        record(method, route, status, failure, System.nanoTime() - start);
      }
    } finally {
      inFlight.add(-1);
    }
  }

  private static String route(HttpServletRequest request) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    return pattern == null ? UNMATCHED : pattern.toString();
  }

  private void record(String method, String route, int status, Throwable failure, long nanos) {
    try {
      GoldenSignals golden = signals.computeIfAbsent(method + " " + route, key -> {
        GoldenSignalsBuilder builder = observa.goldenSignals("http.server").description("HTTP server requests")
            .tag("http.request.method", method).tag("http.route", route)
            .maxSeries(properties.getMetrics().getMaxSeries()).withoutInFlight();
        List<Double> buckets = properties.getMetrics().getBuckets().get("http.server");
        if (buckets != null) {
          builder.buckets(buckets.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return builder.register();
      });
      if (failure == null && status >= 500) {
        golden.recordFailure(Duration.ofNanos(nanos), "http_" + status);
      } else {
        golden.record(Duration.ofNanos(nanos), failure == null ? null : rootCause(failure));
      }
    } catch (RuntimeException e) {
      dev.observa.spi.Diagnostics.warn("http.server.metrics", "could not record HTTP server metrics: " + e);
    }
  }

  /** The handler's own exception rather than the {@code ServletException} Spring wraps it in. */
  private static Throwable rootCause(Throwable failure) {
    Throwable error = failure;
    while (error instanceof ServletException && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

}
