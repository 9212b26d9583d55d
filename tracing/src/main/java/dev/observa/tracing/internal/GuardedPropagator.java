package dev.observa.tracing.internal;

import dev.observa.spi.Diagnostics;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.Iterator;

/**
 * Guards a propagator we do not own (B3, Jaeger): it sees only header values of at most {@value #MAX_VALUE}
 * characters (a longer value is treated as absent and reported at most once a minute), so an untrusted
 * megabyte header costs neither time nor memory in a parser that would copy or split it; and whatever it
 * throws (Jaeger's baggage decoding throws on a malformed {@code %} escape) is reported, not passed on: that
 * propagator then contributes nothing and the others still run.
 */
final class GuardedPropagator implements TextMapPropagator {
  static final int MAX_VALUE = 4096;
  private final TextMapPropagator delegate;

  GuardedPropagator(TextMapPropagator delegate) {
    this.delegate = delegate;
  }

  @Override
  public Collection<String> fields() {
    return delegate.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    try {
      delegate.inject(context, carrier, setter);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("propagation.failed", delegate + " failed to inject: " + e);
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    try {
      return getter == null ? delegate.extract(context, carrier, null)
          : delegate.extract(context, carrier, new Capped<>(getter));
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("propagation.failed", delegate + " failed to extract, ignored its headers: " + e);
      return context;
    }
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  private static String capped(String value) {
    if (value != null && value.length() > MAX_VALUE) {
      Diagnostics.warn("header.oversized", "ignored a propagation header over " + MAX_VALUE + " characters");
      return null;
    }
    return value;
  }

  private record Capped<C>(TextMapGetter<C> getter) implements TextMapGetter<C> {
    @Override
    public Iterable<String> keys(C carrier) {
      return getter.keys(carrier);
    }

    @Override
    public String get(C carrier, String key) {
      return capped(getter.get(carrier, key));
    }

    @Override
    public Iterator<String> getAll(C carrier, String key) {
      Iterator<String> all = getter.getAll(carrier, key);
      return all == null ? null : new Iterator<>() {
        @Override
        public boolean hasNext() {
          return all.hasNext();
        }

        @Override
        public String next() {
          return capped(all.next());
        }
      };
    }
  }
}
