package dev.observa.spring.observation;

import dev.observa.http.HttpExchange;
import dev.observa.meter.GoldenSignals;
import dev.observa.spring.internal.ObservedSpan;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * What Observa keeps for one Observation, in its {@code Observation.Context} under {@link ObservedSpan}: the span, the
 * OpenTelemetry context that makes it current, and what the adapter needs at stop (the HTTP exchange or the
 * golden-signals operation). Written on start, read on scope and stop callbacks; the Observation API
 * guarantees start happens before them.
 */
final class ObservationSpan implements ObservedSpan {
  final ObservationAdapter adapter;
  final ActiveSpan span;
  final Context context;
  final long startNanos = System.nanoTime();
  HttpExchange exchange;
  GoldenSignals.Operation operation;
  boolean stopped;

  /** @param span the started span, detached; its context (its parent's plus the span) is the one made current */
  ObservationSpan(ObservationAdapter adapter, ActiveSpan span) {
    this.adapter = adapter;
    this.span = span;
    this.context = span.otelContext();
  }

  @Override
  public SpanContext spanContext() {
    return span.span().getSpanContext();
  }

  /** Makes the span current for a record that should see it (exemplars); close the scope right after. */
  Scope makeCurrent() {
    return context.makeCurrent();
  }
}
