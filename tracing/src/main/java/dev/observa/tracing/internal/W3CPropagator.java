package dev.observa.tracing.internal;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.List;

/**
 * The default pair, {@code tracecontext} then {@code baggage}, as one propagator: the same two
 * propagators called directly rather than through a composite's loop of interface calls, so both inline
 * into one inject and one extract.
 */
final class W3CPropagator implements TextMapPropagator {
  private final ValidatingTraceContextPropagator traceContext;
  private final DeclaredBaggagePropagator baggage;
  private final List<String> fields;

  W3CPropagator(ValidatingTraceContextPropagator traceContext, DeclaredBaggagePropagator baggage) {
    this.traceContext = traceContext;
    this.baggage = baggage;
    this.fields = List.copyOf(new java.util.LinkedHashSet<>(concat(traceContext.fields(), baggage.fields())));
  }

  private static List<String> concat(Collection<String> a, Collection<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Override
  public Collection<String> fields() {
    return fields;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    traceContext.inject(context, carrier, setter);
    baggage.inject(context, carrier, setter);
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    return baggage.extract(traceContext.extract(context, carrier, getter), carrier, getter);
  }

  @Override
  public String toString() {
    return "W3CPropagator{tracecontext, baggage}";
  }
}
