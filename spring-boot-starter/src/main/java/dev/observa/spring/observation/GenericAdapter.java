package dev.observa.spring.observation;

import dev.observa.Observa;
import dev.observa.trace.ActiveSpan;
import dev.observa.trace.SpanBuilder;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.Propagator;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Collections;
import java.util.Iterator;

/**
 * Every observation without an adapter of its own: a receiver ({@code @KafkaListener}, {@code @RabbitListener},
 * JMS) continues the trace its message carries, through Observa's propagators and the context's getter (declared
 * baggage only; a malformed header starts a fresh trace) as a SERVER or CONSUMER span; a sender injects its span
 * through the context's setter as a CLIENT or PRODUCER span; anything else ({@code @Scheduled}, {@code @Observed},
 * Spring Data, Spring Security) is an INTERNAL child of the current span. The span is named by the
 * contextual name, else the observation's name; key values become attributes (redacted); the golden signals are
 * keyed by the observation's name only.
 */
final class GenericAdapter implements ObservationAdapter {
  /** Key values copied onto a span at most; the rest is left out. */
  private static final int MAX_ATTRIBUTES = 32;

  private final Observa observa;
  private final ObservationNames names;

  GenericAdapter(Observa observa, ObservationNames names) {
    this.observa = observa;
    this.names = names;
  }

  @Override
  public boolean accepts(Observation.Context context) {
    return true;
  }

  @Override
  public ObservationSpan start(Observation.Context context, Context parent) {
    Context base = parent;
    SpanKind kind = SpanKind.INTERNAL;
    if (context instanceof ReceiverContext<?> receiver) {
      kind = receiver.getKind() == Kind.CONSUMER ? SpanKind.CONSUMER : SpanKind.SERVER;
      base = extract(receiver);
    } else if (context instanceof SenderContext<?> sender) {
      kind = sender.getKind() == Kind.PRODUCER ? SpanKind.PRODUCER : SpanKind.CLIENT;
    }
    SpanBuilder builder = observa.span(spanName(context)).kind(kind).parent(base);
    ObservationSpan state = new ObservationSpan(this, builder.startDetached());
    if (context instanceof SenderContext<?> sender) {
      inject(sender, state.context);
    }
    state.operation = names.start(context);
    return state;
  }

  @Override
  public void stop(Observation.Context context, ObservationSpan state) {
    ActiveSpan span = state.span;
    try (Scope scope = state.makeCurrent()) {
      span.span().updateName(spanName(context));
      copyKeyValues(context, span);
      Throwable error = context.getError();
      if (error != null) {
        span.recordException(error);
      }
      if (state.operation != null) {
        if (error != null) {
          state.operation.fail(error);
        }
        state.operation.close();
      }
    } finally {
      span.close();
    }
  }

  /** Copies the context's key values onto the span (redacted by the span's policy), at most {@value #MAX_ATTRIBUTES}. */
  static void copyKeyValues(Observation.Context context, ActiveSpan span) {
    int copied = 0;
    for (KeyValue keyValue : context.getAllKeyValues()) {
      if (KeyValue.NONE_VALUE.equals(keyValue.getValue())) {
        continue;   // a convention's placeholder for "not set" ("exception=none")
      }
      if (copied++ >= MAX_ATTRIBUTES) {
        break;
      }
      span.attribute(keyValue.getKey(), keyValue.getValue());
    }
  }

  static String spanName(Observation.Context context) {
    String contextual = context.getContextualName();
    return contextual != null && !contextual.isEmpty() ? contextual : context.getName();
  }

  @SuppressWarnings("unchecked")
  private Context extract(ReceiverContext<?> receiver) {
    ReceiverContext<Object> typed = (ReceiverContext<Object>) receiver;
    Object carrier = typed.getCarrier();
    Propagator.Getter<Object> getter = typed.getGetter();
    if (carrier == null || getter == null) {
      return Context.root();
    }
    try {
      return observa.propagator().extract(Context.root(), carrier, getter(getter));
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      dev.observa.spi.Diagnostics.warn("observation.extract", "extract failed, starting a fresh trace: " + e);
      return Context.root();
    }
  }

  private static TextMapGetter<Object> getter(Propagator.Getter<Object> getter) {
    return new TextMapGetter<>() {
      @Override
      public Iterable<String> keys(Object c) {
        return Collections.emptyList();
      }

      @Override
      public String get(Object c, String key) {
        return c == null ? null : getter.get(c, key);
      }

      @Override
      public Iterator<String> getAll(Object c, String key) {
        Iterable<String> all = c == null ? null : getter.getAll(c, key);
        return all == null ? Collections.emptyIterator() : all.iterator();
      }
    };
  }

  @SuppressWarnings("unchecked")
  static void inject(Observa observa, SenderContext<?> sender, Context context) {
    SenderContext<Object> typed = (SenderContext<Object>) sender;
    Object carrier = typed.getCarrier();
    Propagator.Setter<Object> setter = typed.getSetter();
    if (carrier != null && setter != null) {
      observa.propagator().inject(context, carrier, setter::set);
    }
  }

  private void inject(SenderContext<?> sender, Context context) {
    inject(observa, sender, context);
  }
}
