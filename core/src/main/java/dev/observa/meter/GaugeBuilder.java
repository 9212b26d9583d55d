package dev.observa.meter;

import dev.observa.spi.MetricsBackend;
import java.lang.ref.WeakReference;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Builds a {@link Gauge} that holds a value, or observes one at scrape time.
 *
 * <pre>{@code
 * obs.gauge("queue.depth").observe(queue, Queue::size);  // the queue is held weakly
 * Gauge inFlight = obs.gauge("requests.in_flight").register();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class GaugeBuilder extends MeterBuilder<GaugeBuilder> {
  GaugeBuilder(MetricsBackend backend, String name) {
    super(backend, name);
  }

  /** @return a settable gauge, initially 0; the same one for the same name and tags */
  public Gauge register() {
    return backend().gauge(descriptor(MeterType.GAUGE));
  }

  /**
   * Registers a gauge that reads {@code function.applyAsDouble(object)} at scrape time. The object is
   * held through a weak reference, so the gauge never keeps it alive; once it is collected the gauge
   * reports NaN. An exception from the function is reported once and reads as NaN.
   *
   * @param object the observed object
   * @param function how to read it
   * @param <T> its type
   */
  public <T> void observe(T object, ToDoubleFunction<T> function) {
    Objects.requireNonNull(function, "function");
    WeakReference<T> reference = new WeakReference<>(Objects.requireNonNull(object, "object"));
    backend().observe(descriptor(MeterType.GAUGE), () -> {
      T observed = reference.get();
      return observed == null ? Double.NaN : function.applyAsDouble(observed);
    });
  }

  /**
   * Registers a gauge that reads the supplier at scrape time (the supplier is held strongly).
   *
   * @param supplier the value source
   */
  public void observe(DoubleSupplier supplier) {
    Objects.requireNonNull(supplier, "supplier");
    backend().observe(descriptor(MeterType.GAUGE), supplier);
  }
}
