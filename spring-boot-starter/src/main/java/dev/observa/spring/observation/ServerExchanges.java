package dev.observa.spring.observation;

import dev.observa.Observa;
import dev.observa.context.ObservaContext;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import dev.observa.http.HttpServerMetrics;
import io.micrometer.observation.Observation;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.UnaryOperator;

/**
 * What {@link ServletServerAdapter} and {@link ReactiveServerAdapter} do alike, in one place: the tenant read from
 * {@code observa.tenant.header} (at most {@value #MAX_TENANT} characters kept), the SERVER span through
 * {@link HttpExchange} with {@code http.server.active_requests}, the W3C {@code traceresponse} header value, and
 * the end of the exchange ({@code http.server.request.duration}; a 5xx answer or an exception is an error, a 4xx
 * is not). The adapters read their framework's request and response; the rules are here. Thread-safe.
 */
final class ServerExchanges {
  /** The most characters of a tenant header value kept. */
  static final int MAX_TENANT = 256;

  private final Observa observa;
  private final HttpMethods methods;
  private final HttpServerMetrics metrics;
  private final String tenantHeader;
  private final boolean traceResponse;

  /**
   * @param tenantHeader the header naming the tenant; null or empty for none
   * @param traceResponse whether answers carry a {@code traceresponse} header
   */
  ServerExchanges(Observa observa, HttpMethods methods, HttpServerMetrics metrics, String tenantHeader,
      boolean traceResponse) {
    this.observa = observa;
    this.methods = methods;
    this.metrics = metrics;
    this.tenantHeader = tenantHeader == null || tenantHeader.isEmpty() ? null : tenantHeader;
    this.traceResponse = traceResponse;
  }

  /** @return a server exchange for a request, its method checked against the known HTTP methods */
  HttpExchange exchange(String method, String scheme) {
    return HttpExchange.server(methods, method, scheme);
  }

  /**
   * @param remote the context extracted from the request's headers
   * @param header the request's first value of a header, by name
   * @return {@code remote} with the tenant the tenant header names, if it is configured and present
   */
  ObservaContext withTenant(ObservaContext remote, UnaryOperator<String> header) {
    String tenant = tenantHeader == null ? null : header.apply(tenantHeader);
    if (tenant == null || tenant.isBlank()) {
      return remote;
    }
    return remote.withTenant(tenant.length() > MAX_TENANT ? tenant.substring(0, MAX_TENANT) : tenant);
  }

  /** Starts the SERVER span of {@code exchange}, child of {@code remote}, and counts the request as active. */
  ObservationSpan start(ObservationAdapter adapter, HttpExchange exchange, Context remote) {
    ObservationSpan state = new ObservationSpan(adapter, exchange.span(observa).parent(remote).startDetached());
    state.exchange = exchange;
    metrics.started(exchange);
    return state;
  }

  /**
   * @return the {@code traceresponse} header value for the request's span, or null when the header is turned off
   *     or the span is not valid
   */
  String traceResponse(ObservationSpan state) {
    SpanContext span = state.span.span().getSpanContext();
    if (!traceResponse || !span.isValid()) {
      return null;
    }
    // W3C traceresponse: "supports only two flags: sampled and random-trace-id"; others MUST be zero
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-0" + (span.getTraceFlags().asByte() & 0x03);
  }

  /**
   * Ends the exchange's span and records its duration.
   *
   * @param status the answer's status, 0 when unknown; an exception turns a lower one into 500
   * @param route the matched route pattern, may be null
   */
  void stop(Observation.Context context, ObservationSpan state, int status, String route) {
    Throwable failure = context.getError();
    HttpExchange exchange = state.exchange.route(route).status(failure != null && status < 500 ? 500 : status)
        .failure(failure);
    try (Scope scope = state.makeCurrent()) {
      exchange.end(state.span);
      // recorded while the span is current, so the duration bucket can take it as its exemplar
      metrics.finished(exchange, System.nanoTime() - state.startNanos);
    } finally {
      state.span.close();
    }
  }
}
