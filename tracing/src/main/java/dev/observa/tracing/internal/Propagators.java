package dev.observa.tracing.internal;

import dev.observa.context.DeclaredKeys;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.extension.trace.propagation.B3Propagator;
import io.opentelemetry.extension.trace.propagation.JaegerPropagator;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the composite propagator from {@code OTEL_PROPAGATORS}-style names, and holds any other propagator
 * to the declared-baggage rules ({@link #declaredOnly}).
 */
public final class Propagators {
  /** The names understood. */
  public static final String NAMES = "tracecontext, baggage, b3 (single header), b3multi, jaeger, none";

  private Propagators() {}

  /**
   * @param names propagator names, in order
   * @param keys the declared context keys (baggage propagation sends only {@code PROPAGATE} keys)
   * @return the composite
   * @throws IllegalArgumentException for an unknown name
   */
  public static TextMapPropagator create(List<String> names, DeclaredKeys keys) {
    List<TextMapPropagator> propagators = new ArrayList<>();
    for (String name : names) {
      switch (name) {
        case "tracecontext" -> propagators.add(new ValidatingTraceContextPropagator());
        case "baggage" -> propagators.add(new DeclaredBaggagePropagator(keys));
        case "b3" -> propagators.add(new GuardedPropagator(B3Propagator.injectingSingleHeader()));
        case "b3multi" -> propagators.add(new GuardedPropagator(B3Propagator.injectingMultiHeaders()));
        case "jaeger" -> propagators.add(new GuardedPropagator(JaegerPropagator.getInstance()));
        case "none" -> { }
        default -> throw new IllegalArgumentException("Propagator '" + name + "' is unknown: use " + NAMES);
      }
    }
    if (propagators.size() == 2 && propagators.get(0) instanceof ValidatingTraceContextPropagator traceContext
        && propagators.get(1) instanceof DeclaredBaggagePropagator baggage) {
      return new W3CPropagator(traceContext, baggage); // the default: no composite loop
    }
    TextMapPropagator composite = TextMapPropagator.composite(propagators);
    // Jaeger carries every baggage entry in uberctx-* headers of its own: hold it to the declared keys
    return names.contains("jaeger") ? declaredOnly(composite, keys) : composite;
  }

  /**
   * Wraps a propagator Observa does not own (the application's {@code OpenTelemetry}, or one configured by
   * the SDK's autoconfiguration) so that only baggage declared {@code PROPAGATE} is injected, the tenant is
   * the context's own, and inbound baggage that breaks Observa's rules (control characters, lengths) is
   * dropped on extraction.
   *
   * @param propagator the propagator to hold to the rules
   * @param keys the declared context keys
   * @return the wrapped propagator
   */
  public static TextMapPropagator declaredOnly(TextMapPropagator propagator, DeclaredKeys keys) {
    return propagator instanceof W3CPropagator || propagator instanceof DeclaredOnlyPropagator ? propagator
        : new DeclaredOnlyPropagator(propagator, keys);
  }
}
