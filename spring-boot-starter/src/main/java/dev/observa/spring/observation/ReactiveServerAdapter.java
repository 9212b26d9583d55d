package dev.observa.spring.observation;

import dev.observa.Observa;
import dev.observa.context.ObservaContext;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import dev.observa.http.HttpServerMetrics;
import dev.observa.spring.internal.ExchangeTraceIds;
import io.micrometer.observation.Observation;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.net.URI;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/**
 * WebFlux's server observation: the same as {@link ServletServerAdapter} (every header value read, tenant,
 * SERVER span through {@link HttpExchange}, {@code http.server.request.duration} with the status code,
 * {@code traceresponse}) for a reactive request.
 */
final class ReactiveServerAdapter implements ObservationAdapter {
  private static final int MAX_TENANT = 256;
  private static final TextMapGetter<HttpHeaders> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(HttpHeaders headers) {
      return headers.headerNames();
    }

    @Override
    public String get(HttpHeaders headers, String key) {
      return headers == null ? null : headers.getFirst(key);
    }

    @Override
    public Iterator<String> getAll(HttpHeaders headers, String key) {
      List<String> values = headers == null ? null : headers.get(key);
      return values == null ? Collections.emptyIterator() : values.iterator();
    }
  };

  private final Observa observa;
  private final HttpMethods methods;
  private final HttpServerMetrics metrics;
  private final String tenantHeader;
  private final boolean traceResponse;

  ReactiveServerAdapter(Observa observa, HttpMethods methods, HttpServerMetrics metrics, String tenantHeader,
      boolean traceResponse) {
    this.observa = observa;
    this.methods = methods;
    this.metrics = metrics;
    this.tenantHeader = tenantHeader == null || tenantHeader.isEmpty() ? null : tenantHeader;
    this.traceResponse = traceResponse;
  }

  @Override
  public boolean accepts(Observation.Context context) {
    return context instanceof ServerRequestObservationContext server && server.getCarrier() != null;
  }

  @Override
  public ObservationSpan start(Observation.Context context, Context parent) {
    ServerRequestObservationContext server = (ServerRequestObservationContext) context;
    ServerHttpRequest request = server.getCarrier();
    URI uri = request.getURI();
    ObservaContext remote;
    try (Scope root = Context.root().makeCurrent()) {
      // a pooled thread's leftover context must not become the parent of a new request
      // the peer address decides whether the caller's sampled flag is trusted (inbound-trusted-callers)
      java.net.InetSocketAddress peer = request.getRemoteAddress();
      remote = observa.extract(request.getHeaders(), HEADERS,
          peer == null || peer.getAddress() == null ? null : peer.getAddress().getHostAddress());
    }
    String tenant = tenantHeader == null ? null : request.getHeaders().getFirst(tenantHeader);
    if (tenant != null && !tenant.isBlank()) {
      remote = remote.withTenant(tenant.length() > MAX_TENANT ? tenant.substring(0, MAX_TENANT) : tenant);
    }
    HttpExchange exchange = HttpExchange.server(methods, request.getMethod().name(), uri.getScheme())
        .path(uri.getRawPath()).server(uri.getHost(), uri.getPort());
    Context remoteContext = remote.otelContext();
    ObservationSpan state = new ObservationSpan(this, exchange.span(observa).parent(remoteContext).startDetached());
    state.exchange = exchange;
    if (state.span.span().getSpanContext().isValid()) {
      // error bodies written after the scope closed still name the trace (the exchange's attributes are read-only
      // here; the observation context is found from them: ServerRequestObservationContext.findCurrent)
      server.put(ExchangeTraceIds.ATTRIBUTE, state.span.span().getSpanContext().getTraceId());
    }
    ServerHttpResponse response = server.getResponse();
    if (traceResponse && response != null && state.span.span().getSpanContext().isValid()) {
      ObservaContext current = ObservaContext.from(state.context);
      // W3C traceresponse: "supports only two flags: sampled and random-trace-id"; others MUST be zero
      response.getHeaders().set("traceresponse", "00-" + current.traceId() + "-" + current.spanId() + "-0"
          + (current.spanContext().getTraceFlags().asByte() & 0x03));
    }
    metrics.started(exchange);
    return state;
  }

  @Override
  public void stop(Observation.Context context, ObservationSpan state) {
    ServerRequestObservationContext server = (ServerRequestObservationContext) context;
    ServerHttpResponse response = server.getResponse();
    HttpStatusCode code = response == null ? null : response.getStatusCode();
    Throwable failure = context.getError();
    int status = code == null ? 0 : code.value();
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
