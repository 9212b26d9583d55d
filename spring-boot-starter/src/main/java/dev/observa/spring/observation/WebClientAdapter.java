package dev.observa.spring.observation;

import dev.observa.Observa;
import dev.observa.http.HttpClientMetrics;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import io.micrometer.observation.Observation;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * WebClient's client observation: as {@link RestClientAdapter}. WebClient starts the observation with only a
 * request builder (the request is built afterwards), so the method and URL come from a copy the builder makes;
 * the context is injected into the builder through the observation's setter before the real request is built.
 */
final class WebClientAdapter implements ObservationAdapter {
  private final Observa observa;
  private final HttpMethods methods;
  private final HttpClientMetrics metrics;

  WebClientAdapter(Observa observa, HttpMethods methods, HttpClientMetrics metrics) {
    this.observa = observa;
    this.methods = methods;
    this.metrics = metrics;
  }

  @Override
  public boolean accepts(Observation.Context context) {
    return context instanceof ClientRequestObservationContext client && client.getCarrier() != null;
  }

  @Override
  public ObservationSpan start(Observation.Context context, Context parent) {
    ClientRequestObservationContext client = (ClientRequestObservationContext) context;
    ClientRequest request = client.getRequest() != null ? client.getRequest() : client.getCarrier().build();
    HttpExchange exchange = HttpExchange.client(methods, request.method().name(), request.url());
    ObservationSpan state = new ObservationSpan(this, exchange.span(observa).parent(parent).startDetached());
    state.exchange = exchange;
    GenericAdapter.inject(observa, client, state.context);
    return state;
  }

  @Override
  public void stop(Observation.Context context, ObservationSpan state) {
    ClientRequestObservationContext client = (ClientRequestObservationContext) context;
    ClientResponse response = client.getResponse();
    HttpExchange exchange = state.exchange.status(response == null ? 0 : response.statusCode().value())
        .failure(context.getError());
    try (Scope scope = state.makeCurrent()) {
      exchange.end(state.span);
      // recorded while the span is current, so the duration bucket can take it as its exemplar
      metrics.record(exchange, System.nanoTime() - state.startNanos);
    } finally {
      state.span.close();
    }
  }
}
