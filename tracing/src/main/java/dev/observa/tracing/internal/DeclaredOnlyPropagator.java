package dev.observa.tracing.internal;

import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;

/**
 * Holds any propagator (the application's own, or one that carries baggage in its own headers such as
 * Jaeger's {@code uberctx-*}) to Observa's baggage rules: it injects a context whose baggage holds only the
 * keys declared {@link Route#PROPAGATE} (and the context's tenant when the tenant is), and after extraction
 * drops members that {@link BaggageRules} refuses and moves an inbound {@code tenant} member to the
 * context's tenant when the tenant is declared {@code PROPAGATE}. Undeclared baggage therefore never leaves,
 * whatever propagator writes it.
 */
final class DeclaredOnlyPropagator implements TextMapPropagator {
  private final TextMapPropagator delegate;
  private final String[] propagated;
  private final boolean tenant;

  DeclaredOnlyPropagator(TextMapPropagator delegate, DeclaredKeys keys) {
    this.delegate = delegate;
    this.propagated = keys.baggageKeys().stream().filter(key -> key.routesTo(Route.PROPAGATE))
        .map(DeclaredKey::name).toArray(String[]::new);
    this.tenant = keys.tenant().routesTo(Route.PROPAGATE);
  }

  @Override
  public Collection<String> fields() {
    return delegate.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null) {
      return;
    }
    Baggage baggage = Baggage.fromContext(context);
    String tenantValue = tenant ? ObservaContext.tenantOf(context) : null;
    if (baggage.isEmpty() && tenantValue == null) {
      delegate.inject(context, carrier, setter);
      return;
    }
    BaggageBuilder declared = Baggage.builder();
    for (String key : propagated) {
      BaggageEntry entry = baggage.getEntry(key);
      if (entry != null && BaggageRules.isValue(entry.getValue())) {
        String metadata = entry.getMetadata().getValue();
        declared.put(key, entry.getValue(), metadata == null || BaggageRules.isProperties(metadata)
            ? entry.getMetadata() : BaggageEntryMetadata.empty());
      }
    }
    if (tenantValue != null && BaggageRules.isValue(tenantValue)) {
      declared.put(DeclaredKeys.TENANT, tenantValue);
    }
    delegate.inject(context.with(declared.build()), carrier, setter);
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    Context extracted = delegate.extract(context, carrier, getter);
    Baggage baggage = Baggage.fromContext(extracted);
    if (baggage.isEmpty() || baggage.equals(Baggage.fromContext(context))) {
      return extracted;
    }
    BaggageBuilder kept = Baggage.builder();
    boolean[] changed = {false};
    baggage.forEach((key, entry) -> {
      String metadata = entry.getMetadata().getValue();
      boolean safe = BaggageRules.isKey(key) && BaggageRules.isValue(entry.getValue())
          && (metadata == null || BaggageRules.isProperties(metadata));
      if (safe && !(tenant && DeclaredKeys.TENANT.equals(key))) {
        kept.put(key, entry.getValue(), entry.getMetadata());
      } else {
        changed[0] = true;
      }
    });
    if (!changed[0]) {
      return extracted;
    }
    String inboundTenant = tenant ? baggage.getEntryValue(DeclaredKeys.TENANT) : null;
    if (BaggageRules.isTenant(inboundTenant)) {
      extracted = ObservaContext.from(extracted).withTenant(inboundTenant).otelContext();
    }
    return extracted.with(kept.build());
  }

  @Override
  public String toString() {
    return "DeclaredOnly{" + delegate + "}";
  }
}
