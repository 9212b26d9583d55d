package dev.observa.spring.observation;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.ObservaContext;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import dev.observa.http.HttpServerMetrics;
import dev.observa.spring.internal.ExchangeTraceIds;
import io.micrometer.observation.Observation;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Spring MVC's server observation ({@code ServerHttpObservationFilter}): the caller's context from every value
 * of the propagation headers (malformed → fresh trace), then what {@link ServerExchanges} does for both kinds of
 * server: the tenant from {@code observa.tenant.header}, a SERVER span {@code {method} {route}} through
 * {@link HttpExchange}, {@code http.server.request.duration} and {@code http.server.active_requests} with the
 * status code, a W3C {@code traceresponse} header carrying only the {@code sampled} and {@code random} flags, and the
 * trace id in a request attribute for the error bodies written after the span's scope closed.
 */
final class ServletServerAdapter implements ObservationAdapter {
  /** One getter for every request: it reads the request it is given. */
  private static final TextMapGetter<HttpServletRequest> HEADERS =
      Carriers.headersOf(HttpServletRequest::getHeaders, HttpServletRequest::getHeaderNames);

  private final Observa observa;
  private final ServerExchanges exchanges;
  private final boolean rememberTraceId;

  /**
   * @param rememberTraceId whether the span's trace id is kept in a request attribute
   *     ({@link ExchangeTraceIds#ATTRIBUTE}) for the error bodies written after its scope closed
   *     ({@code observa.http.problem-trace-id})
   */
  ServletServerAdapter(Observa observa, HttpMethods methods, HttpServerMetrics metrics, String tenantHeader,
      boolean traceResponse, boolean rememberTraceId) {
    this.observa = observa;
    this.exchanges = new ServerExchanges(observa, methods, metrics, tenantHeader, traceResponse);
    this.rememberTraceId = rememberTraceId;
  }

  @Override
  public boolean accepts(Observation.Context context) {
    return context instanceof ServerRequestObservationContext;
  }

  @Override
  public ObservationSpan start(Observation.Context context, Context parent) {
    ServerRequestObservationContext server = (ServerRequestObservationContext) context;
    HttpServletRequest request = server.getCarrier();
    HttpExchange exchange = exchanges.exchange(request.getMethod(), request.getScheme())
        .path(request.getRequestURI()).query(request.getQueryString()).server(request.getServerName(), request.getServerPort())
        .protocolVersion(request.getProtocol());
    ObservationSpan state = exchanges.start(this, exchange, extract(request));
    String traceId = rememberTraceId ? ServerExchanges.traceId(state) : null;
    if (traceId != null) {
      // lives on through the request's error and async dispatches, after this span's scope closed
      request.setAttribute(ExchangeTraceIds.ATTRIBUTE, traceId);
    }
    HttpServletResponse response = server.getResponse();
    String traceResponse = response == null ? null : exchanges.traceResponse(state);
    if (traceResponse != null) {
      response.setHeader("traceresponse", traceResponse);
    }
    return state;
  }

  private Context extract(HttpServletRequest request) {
    ObservaContext context;
    try (Scope root = Context.root().makeCurrent()) {
      // a pooled thread's leftover context must not become the parent of a new request
      // the peer address decides whether the caller's sampled flag is trusted (inbound-trusted-callers)
      context = observa.extract(request, HEADERS, request.getRemoteAddr());
    }
    return exchanges.withTenant(context, request::getHeader).otelContext();
  }

  @Override
  public void stop(Observation.Context context, ObservationSpan state) {
    ServerRequestObservationContext server = (ServerRequestObservationContext) context;
    HttpServletResponse response = server.getResponse();
    exchanges.stop(context, state, response == null ? 0 : response.getStatus(), server.getPathPattern());
  }
}
