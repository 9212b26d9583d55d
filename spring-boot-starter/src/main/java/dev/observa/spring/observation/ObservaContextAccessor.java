package dev.observa.spring.observation;

import dev.observa.context.ObservaContext;
import dev.observa.spi.Diagnostics;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ThreadLocalAccessor;
import io.opentelemetry.context.Context;

/**
 * Carries Observa's context in a Reactor {@code Context} across thread hops: with Reactor's automatic context
 * propagation, an {@link ObservaContext} written under {@link #KEY} is current on every thread an operator
 * upstream of the write hops to ({@code publishOn}, {@code subscribeOn}, {@code delayElement}, a
 * {@code WebClient} response), and what was current there before comes back when the signal is handled. An
 * {@code @Observe} method's {@code Mono}/{@code Flux} result carries the method's span this way, so log lines,
 * spans and {@code WebClient} calls after a hop inside it belong to that span.
 *
 * <pre>{@code
 * mono.contextWrite(context -> context.put(ObservaContextAccessor.KEY, ObservaContext.current()))
 * }</pre>
 *
 * <p>{@link #register()} appends it to the global {@code ContextRegistry} after the accessors the registry loads
 * itself, Micrometer's Observation accessor among them: on a hop the request's Observation opens its scope
 * first and this context goes on top. Both kinds of scope go on one per-thread stack, so closing them in the
 * order they were opened (context-propagation's order) still leaves exactly what was current before. A hop
 * whose Reactor {@code Context} has no value here (a clear) changes nothing current, and costs a look at this
 * thread's stack only. Thread-safe; nothing it meets reaches the application.
 *
 * @since 0.1.0
 */
public final class ObservaContextAccessor implements ThreadLocalAccessor<ObservaContext> {
  /** The Reactor {@code Context} key (and context-propagation key) of Observa's context. */
  public static final String KEY = "observa.context";

  private static final ObservaContextAccessor INSTANCE = new ObservaContextAccessor();

  private ObservaContextAccessor() {}

  /** Registers the accessor in the global {@code ContextRegistry}, once per class loader; never throws. */
  public static void register() {
    Registration.ensure();
  }

  /** The registration, done when this holder is first used. */
  private static final class Registration {
    static {
      try {
        ContextRegistry.getInstance().registerThreadLocalAccessor(INSTANCE);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        Diagnostics.warn("reactor", "could not register Observa's context with context-propagation: " + e);
      }
    }

    static void ensure() {}
  }

  @Override
  public Object key() {
    return KEY;
  }

  /** @return the current context while a value restored by this accessor is open on this thread, else null */
  @Override
  public ObservaContext getValue() {
    try {
      return ThreadScopes.SHARED.holds(this) ? ObservaContext.current() : null;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("reactor", "could not read Observa's context: " + e);
      return null;
    }
  }

  @Override
  public void setValue(ObservaContext value) {
    open(value == null ? Context.current() : value.otelContext());
  }

  /**
   * No value in the Reactor {@code Context}: nothing to do unless this accessor has a scope open on this thread;
   * then one that keeps the current context, for the restore (given that scope's value) to close.
   */
  @Override
  public void setValue() {
    if (ThreadScopes.SHARED.holds(this)) {
      open(Context.current());
    }
  }

  private void open(Context context) {
    try {
      ThreadScopes.SHARED.open(this, context);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("reactor", "could not restore Observa's context: " + e);
    }
  }

  /** Closes the latest scope this accessor opened on this thread (the value given back is not needed). */
  @Override
  public void restore(ObservaContext previousValue) {
    restore();
  }

  /**
   * Closes the latest scope this accessor opened on this thread, if any: after {@link #setValue(ObservaContext)}
   * there is one; after {@link #setValue()} on a thread without one (the restore context-propagation pairs with it
   * has no previous value) there is none, so nothing happens, as nothing happened then.
   */
  @Override
  public void restore() {
    try {
      ThreadScopes.SHARED.close(this);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("reactor", "could not close Observa's restored context: " + e);
    }
  }
}
