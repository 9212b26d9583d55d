package dev.observa.spring;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.ObservaContext;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import dev.observa.http.HttpServerMetrics;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The server side of HTTP: extracts the caller's context from every value of the propagation headers,
 * takes the tenant from the configured header, runs the request in a SERVER span named
 * {@code {method} {route}} with OpenTelemetry's HTTP attributes, records {@code http.server.request.duration}
 * and {@code http.server.active_requests} ({@link HttpServerMetrics}: known methods or {@code _OTHER}, route
 * templates, never the raw path), and adds a W3C {@code traceresponse} header. A 5xx answer or an exception
 * is an error; a 4xx is not.
 *
 * <pre>{@code
 * new FilterRegistrationBean<>(new ObservaServerFilter(observa, properties, HttpMethods.defaults()));
 * }</pre>
 *
 * @since 0.1.0
 */
public class ObservaServerFilter extends OncePerRequestFilter {
  private final Observa observa;
  private final ObservaProperties properties;
  private final HttpMethods methods;
  private final HttpServerMetrics metrics;

  /**
   * @param observa the facade
   * @param properties tenant header, budgets and buckets
   */
  public ObservaServerFilter(Observa observa, ObservaProperties properties) {
    this(observa, properties, HttpMethods.defaults());
  }

  /**
   * @param observa the facade
   * @param properties tenant header, budgets and buckets
   * @param methods the methods reported as they are; others are {@code _OTHER}
   */
  public ObservaServerFilter(Observa observa, ObservaProperties properties, HttpMethods methods) {
    this.observa = observa;
    this.properties = properties;
    this.methods = methods;
    this.metrics = new HttpServerMetrics(observa, properties.getMetrics().getMaxSeries(),
        properties.getMetrics().getBuckets().get(ObservaWebAutoConfiguration.SERVER_OPERATION));
  }

  /** @return the server's metrics (for the doctor and tests) */
  public HttpServerMetrics metrics() {
    return metrics;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ObservaContext context = observa.extract(request, Carriers.headers(request::getHeaders, request::getHeaderNames));
    String tenantHeader = properties.getTenant().getHeader();
    String tenant = tenantHeader == null || tenantHeader.isEmpty() ? null : request.getHeader(tenantHeader);
    if (tenant != null && !tenant.isBlank()) {
      context = context.withTenant(tenant.length() > 256 ? tenant.substring(0, 256) : tenant);
    }
    long start = System.nanoTime();
    HttpExchange exchange = HttpExchange.server(methods, request.getMethod(), request.getScheme())
        .path(request.getRequestURI()).server(request.getServerName(), request.getServerPort())
        .protocolVersion(request.getProtocol());
    Throwable failure = null;
    try (Scope scope = context.makeCurrent();
         ActiveSpan span = exchange.span(observa).startActive()) {
      if (properties.getHttp().isTraceResponseHeader() && span.context().hasSpan()) {
        ObservaContext current = span.context();
        // W3C traceresponse: "supports only two flags: sampled and random-trace-id"; others MUST be zero
        response.setHeader("traceresponse", "00-" + current.traceId() + "-" + current.spanId() + "-0"
            + (current.spanContext().getTraceFlags().asByte() & 0x03));
      }
      metrics.started(exchange);
      try {
        chain.doFilter(request, response);
      } catch (IOException | ServletException | RuntimeException | Error e) {
        failure = rootCause(e);
        throw e;
      } finally {
        int status = failure != null && response.getStatus() < 500 ? 500 : response.getStatus();
        exchange.route(route(request)).status(status).failure(failure).end(span);
        // recorded while the span is current, so the duration bucket can take it as its exemplar
        metrics.finished(exchange, System.nanoTime() - start);
      }
    }
  }

  /** The matched route template, or null (no {@code http.route}) when no handler matched. */
  private static String route(HttpServletRequest request) {
    Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    return pattern == null ? null : pattern.toString();
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
