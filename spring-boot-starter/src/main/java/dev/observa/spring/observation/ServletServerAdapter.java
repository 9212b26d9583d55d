package dev.observa.spring.observation;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.ObservaContext;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import dev.observa.http.HttpServerMetrics;
import io.micrometer.observation.Observation;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Spring MVC's server observation ({@code ServerHttpObservationFilter}): the caller's context from every value
 * of the propagation headers (malformed → fresh trace), the tenant from {@code observa.tenant.header}, a SERVER
 * span {@code {method} {route}} through {@link HttpExchange}, {@code http.server.request.duration} and
 * {@code http.server.active_requests} with the status code, and a W3C {@code traceresponse} header carrying
 * only the {@code sampled} and {@code random} flags. A 5xx answer or an exception is an error; a 4xx is not.
 */
final class ServletServerAdapter implements ObservationAdapter {
  private static final int MAX_TENANT = 256;
  /** One getter for every request: it reads the request it is given. */
  private static final TextMapGetter<HttpServletRequest> HEADERS =
      Carriers.headersOf(HttpServletRequest::getHeaders, HttpServletRequest::getHeaderNames);

  private final Observa observa;
  private final HttpMethods methods;
  private final HttpServerMetrics metrics;
  private final String tenantHeader;
  private final boolean traceResponse;

  ServletServerAdapter(Observa observa, HttpMethods methods, HttpServerMetrics metrics, String tenantHeader,
      boolean traceResponse) {
    this.observa = observa;
    this.methods = methods;
    this.metrics = metrics;
    this.tenantHeader = tenantHeader == null || tenantHeader.isEmpty() ? null : tenantHeader;
    this.traceResponse = traceResponse;
  }

  @Override
  public boolean accepts(Observation.Context context) {
    return context instanceof ServerRequestObservationContext;
  }

  @Override
  public ObservationSpan start(Observation.Context context, Context parent) {
    ServerRequestObservationContext server = (ServerRequestObservationContext) context;
    HttpServletRequest request = server.getCarrier();
    Context remote = extract(request);
    HttpExchange exchange = HttpExchange.server(methods, request.getMethod(), request.getScheme())
        .path(request.getRequestURI()).server(request.getServerName(), request.getServerPort())
        .protocolVersion(request.getProtocol());
    ObservationSpan state = new ObservationSpan(this, exchange.span(observa).parent(remote).startDetached());
    state.exchange = exchange;
    HttpServletResponse response = server.getResponse();
    SpanContext span = state.span.span().getSpanContext();
    if (traceResponse && response != null && span.isValid()) {
      // W3C traceresponse: "supports only two flags: sampled and random-trace-id"; others MUST be zero
      response.setHeader("traceresponse", "00-" + span.getTraceId() + "-" + span.getSpanId() + "-0"
          + (span.getTraceFlags().asByte() & 0x03));
    }
    metrics.started(exchange);
    return state;
  }

  private Context extract(HttpServletRequest request) {
    ObservaContext context;
    try (Scope root = Context.root().makeCurrent()) {
      // a pooled thread's leftover context must not become the parent of a new request
      // the peer address decides whether the caller's sampled flag is trusted (inbound-trusted-callers)
      context = observa.extract(request, HEADERS, request.getRemoteAddr());
    }
    String tenant = tenantHeader == null ? null : request.getHeader(tenantHeader);
    if (tenant != null && !tenant.isBlank()) {
      context = context.withTenant(tenant.length() > MAX_TENANT ? tenant.substring(0, MAX_TENANT) : tenant);
    }
    return context.otelContext();
  }

  @Override
  public void stop(Observation.Context context, ObservationSpan state) {
    ServerRequestObservationContext server = (ServerRequestObservationContext) context;
    HttpServletResponse response = server.getResponse();
    Throwable failure = context.getError();
    int status = response == null ? 0 : response.getStatus();
    if (failure != null && status < 500) {
      status = 500;
    }
    HttpExchange exchange = state.exchange.route(server.getPathPattern()).status(status).failure(failure);
    try (Scope scope = state.makeCurrent()) {
      exchange.end(state.span);
      // recorded while the span is current, so the duration bucket can take it as its exemplar
      metrics.finished(exchange, System.nanoTime() - state.startNanos);
    } finally {
      state.span.close();
    }
  }
}
