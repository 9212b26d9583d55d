package dev.observa.spring.observation;

import dev.observa.Observa;
import dev.observa.context.ObservaContext;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import dev.observa.http.HttpServerMetrics;
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
 * WebFlux's server observation: every value of the propagation headers read, then what {@link ServerExchanges}
 * does for both kinds of server (tenant, SERVER span through {@link HttpExchange},
 * {@code http.server.request.duration} with the status code, {@code traceresponse}) for a reactive request.
 */
final class ReactiveServerAdapter implements ObservationAdapter {
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
  private final ServerExchanges exchanges;

  ReactiveServerAdapter(Observa observa, HttpMethods methods, HttpServerMetrics metrics, String tenantHeader,
      boolean traceResponse) {
    this.observa = observa;
    this.exchanges = new ServerExchanges(observa, methods, metrics, tenantHeader, traceResponse);
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
    remote = exchanges.withTenant(remote, request.getHeaders()::getFirst);
    HttpExchange exchange = exchanges.exchange(request.getMethod().name(), uri.getScheme())
        .path(uri.getRawPath()).query(uri.getRawQuery()).server(uri.getHost(), uri.getPort());
    ObservationSpan state = exchanges.start(this, exchange, remote.otelContext());
    ServerHttpResponse response = server.getResponse();
    String traceResponse = response == null ? null : exchanges.traceResponse(state);
    if (traceResponse != null) {
      response.getHeaders().set("traceresponse", traceResponse);
    }
    return state;
  }

  @Override
  public void stop(Observation.Context context, ObservationSpan state) {
    ServerRequestObservationContext server = (ServerRequestObservationContext) context;
    ServerHttpResponse response = server.getResponse();
    HttpStatusCode code = response == null ? null : response.getStatusCode();
    exchanges.stop(context, state, code == null ? 0 : code.value(), server.getPathPattern());
  }
}
