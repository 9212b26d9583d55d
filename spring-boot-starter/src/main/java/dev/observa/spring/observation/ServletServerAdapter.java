package dev.observa.spring.observation;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.ObservaContext;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import dev.observa.http.HttpServerMetrics;
import dev.observa.logging.RequestCorrelation;
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
 * status code, and a W3C {@code traceresponse} header carrying only the {@code sampled} and {@code random} flags.
 * The error bodies written after the span's scope closed find the span through Spring's observation context
 * ({@link dev.observa.spring.internal.ObservedSpan}).
 */
final class ServletServerAdapter implements ObservationAdapter {
  /** One getter for every request: it reads the request it is given. */
  private static final TextMapGetter<HttpServletRequest> HEADERS =
      Carriers.headersOf(HttpServletRequest::getHeaders, HttpServletRequest::getHeaderNames);

  private final Observa observa;
  private final ServerExchanges exchanges;

  ServletServerAdapter(Observa observa, HttpMethods methods, HttpServerMetrics metrics, String tenantHeader,
      boolean traceResponse) {
    this.observa = observa;
    this.exchanges = new ServerExchanges(observa, methods, metrics, tenantHeader, traceResponse);
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
    HttpServletResponse response = server.getResponse();
    String traceResponse = response == null ? null : exchanges.traceResponse(state);
    if (traceResponse != null) {
      response.setHeader("traceresponse", traceResponse);
    }
    return state;
  }

  private Context extract(HttpServletRequest request) {
    // the container's context for this request (RequestCorrelationValve, RequestCorrelationHandler) holds nothing but
    // the request's correlation, which the span's parent then holds; any other is a pooled thread's leftover, which
    // must not become the parent of a new request: the headers are then read onto the root context
    Scope root = RequestCorrelation.isNewRequest(Context.current()) ? null : Context.root().makeCurrent();
    ObservaContext context;
    try {
      // the peer address decides whether the caller's sampled flag is trusted (inbound-trusted-callers)
      context = observa.extract(request, HEADERS, request.getRemoteAddr());
    } finally {
      if (root != null) {
        root.close();
      }
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
