package dev.observa.spring.observation;

import dev.observa.spi.Diagnostics;
import dev.observa.spring.internal.ObservedSpan;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.util.List;
import java.util.function.Predicate;

/**
 * Observa as the handler of Micrometer's Observation API: every Observation Spring and its libraries emit
 * becomes an Observa span (made current in the Observation's scopes, so logs, {@code @Observe} methods and
 * calls made inside see it) and metrics, through the first {@link ObservationAdapter} that accepts its context.
 * Every callback catches everything but a {@code VirtualMachineError}: nothing reaches the application.
 * Thread-safe.
 *
 * <pre>{@code
 * registry.observationConfig().observationHandler(handler);
 * }</pre>
 */
final class ObservaObservationHandler implements ObservationHandler<Observation.Context> {
  private final ObservationAdapter[] adapters;
  private final Predicate<Observation.Context> declined;
  private final ThreadScopes scopes = ThreadScopes.SHARED;

  /**
   * @param adapters tried in order; the last one should accept everything
   * @param declined contexts Observa leaves to other handlers ({@code observa.http.server=false}…)
   */
  ObservaObservationHandler(List<ObservationAdapter> adapters, Predicate<Observation.Context> declined) {
    this.adapters = adapters.toArray(ObservationAdapter[]::new);
    this.declined = declined;
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    try {
      return context != null && !declined.test(context) && adapterFor(context) != null;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("observation.handler", "could not inspect an observation: " + e);
      return false;
    }
  }

  @Override
  public void onStart(Observation.Context context) {
    try {
      ObservationAdapter adapter = adapterFor(context);
      if (adapter != null) {
        context.put(ObservedSpan.class, adapter.start(context, parent(context)));
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("observation.handler", "could not start a span for " + context.getName() + ": " + e);
    }
  }

  @Override
  public void onScopeOpened(Observation.Context context) {
    try {
      ObservationSpan state = context.get(ObservedSpan.class);
      if (state != null) {
        scopes.open(state, state.context);
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("observation.handler", "could not open a scope: " + e);
    }
  }

  @Override
  public void onScopeClosed(Observation.Context context) {
    try {
      ObservationSpan state = context.get(ObservedSpan.class);
      if (state != null) {
        scopes.close(state);
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("observation.handler", "could not close a scope: " + e);
    }
  }

  @Override
  public void onScopeReset(Observation.Context context) {
    try {
      scopes.reset();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("observation.handler", "could not reset the scopes: " + e);
    }
  }

  @Override
  public void onEvent(Observation.Event event, Observation.Context context) {
    try {
      ObservationSpan state = context.get(ObservedSpan.class);
      if (state != null && event != null) {
        state.span.event(event.getName());
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("observation.handler", "could not record an event: " + e);
    }
  }

  @Override
  public void onStop(Observation.Context context) {
    try {
      ObservationSpan state = context.get(ObservedSpan.class);
      if (state != null && !state.stopped) {
        state.stopped = true;
        state.adapter.stop(context, state);
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("observation.handler", "could not end the span of " + context.getName() + ": " + e);
    }
  }

  private ObservationAdapter adapterFor(Observation.Context context) {
    for (ObservationAdapter adapter : adapters) {
      if (adapter.accepts(context)) {
        return adapter;
      }
    }
    return null;
  }

  /**
   * The current span when there is one (an {@code @Observe} method between a server observation and a client
   * call is the client's parent), else the parent Observation's span (work handed to another thread), else the
   * current context.
   */
  private static Context parent(Observation.Context context) {
    Context current = Context.current();
    if (Span.fromContext(current).getSpanContext().isValid()) {
      return current;
    }
    io.micrometer.observation.ObservationView parent = context.getParentObservation();
    if (parent != null) {
      ObservationSpan state = parent.getContextView().get(ObservedSpan.class);
      if (state != null) {
        return state.context;
      }
    }
    return current;
  }
}
