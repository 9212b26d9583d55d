package dev.observa.spring.observation;

import io.micrometer.observation.Observation;
import io.opentelemetry.context.Context;

/**
 * Turns one kind of {@code Observation.Context} into an Observa span and metrics: HTTP server and client
 * contexts of Spring's servlet stack and {@code RestClient}/{@code RestTemplate}, and every other context
 * (senders, receivers, internal work). Adding a context type (WebFlux's server context, WebClient's) means
 * adding one adapter in front of {@link GenericAdapter}.
 */
interface ObservationAdapter {
  /**
   * @param context an observation's context
   * @return whether this adapter handles it
   */
  boolean accepts(Observation.Context context);

  /**
   * Starts the span (extracting or injecting as the context's kind asks) and whatever is measured.
   *
   * @param context the observation's context
   * @param parent the context a local span would be the child of
   * @return the state kept until stop
   */
  ObservationSpan start(Observation.Context context, Context parent);

  /**
   * Ends the span and records the metrics, with the span current so a metric can take it as its exemplar.
   *
   * @param context the observation's context (error, response)
   * @param state what {@link #start} returned
   */
  void stop(Observation.Context context, ObservationSpan state);
}
