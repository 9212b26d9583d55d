package dev.observa.spring.observation;

import dev.observa.Observa;
import dev.observa.http.HttpClientMetrics;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import io.micrometer.observation.Observation;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.observation.ClientRequestObservationContext;

/**
 * The client observation of {@code RestClient} and {@code RestTemplate}: a CLIENT span through
 * {@link HttpExchange} (child of the current span), the context and declared baggage injected through the
 * observation's setter, and {@code http.client.request.duration} by method, server address and port, status
 * and {@code error.type} (never the URL). A 4xx or 5xx answer is an error.
 */
final class RestClientAdapter implements ObservationAdapter {
  private final Observa observa;
  private final HttpMethods methods;
  private final HttpClientMetrics metrics;

  RestClientAdapter(Observa observa, HttpMethods methods, HttpClientMetrics metrics) {
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
    ClientHttpRequest request = client.getCarrier();
    HttpExchange exchange = HttpExchange.client(methods, request.getMethod().name(), request.getURI());
    ObservationSpan state = new ObservationSpan(this, exchange.span(observa).parent(parent).startDetached());
    state.exchange = exchange;
    GenericAdapter.inject(observa, client, state.context);
    return state;
  }

  @Override
  public void stop(Observation.Context context, ObservationSpan state) {
    ClientRequestObservationContext client = (ClientRequestObservationContext) context;
    HttpExchange exchange = state.exchange.status(status(client.getResponse())).failure(context.getError());
    try (Scope scope = state.makeCurrent()) {
      exchange.end(state.span);
      // recorded while the span is current, so the duration bucket can take it as its exemplar
      metrics.record(exchange, System.nanoTime() - state.startNanos);
    } finally {
      state.span.close();
    }
  }

  private static int status(ClientHttpResponse response) {
    if (response == null) {
      return 0;
    }
    try {
      return response.getStatusCode().value();
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }
}
