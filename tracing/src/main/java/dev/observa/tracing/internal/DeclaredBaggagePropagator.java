package dev.observa.tracing.internal;

import dev.observa.context.DeclaredKeys;
import dev.observa.context.Route;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;

/**
 * W3C baggage that sends only keys declared with {@link Route#PROPAGATE}. Extraction keeps every
 * inbound entry in the context (sinks decide what they show); injection never forwards undeclared ones.
 */
public final class DeclaredBaggagePropagator implements TextMapPropagator {
  private final TextMapPropagator w3c = W3CBaggagePropagator.getInstance();
  private final DeclaredKeys keys;

  /** @param keys the declarations */
  public DeclaredBaggagePropagator(DeclaredKeys keys) {
    this.keys = keys;
  }

  @Override
  public Collection<String> fields() {
    return w3c.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    Baggage baggage = Baggage.fromContext(context);
    if (baggage.isEmpty()) {
      return;
    }
    BaggageBuilder allowed = Baggage.builder();
    baggage.forEach((key, entry) -> {
      if (keys.routes(key, Route.PROPAGATE)) {
        allowed.put(key, entry.getValue(), entry.getMetadata());
      }
    });
    w3c.inject(context.with(allowed.build()), carrier, setter);
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    return w3c.extract(context, carrier, getter);
  }
}
