package dev.observa.metrics.internal;

import dev.observa.spi.Diagnostics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.Consumer;

/**
 * Counts values an instrument refused at record time (NaN, infinities, negative values where the
 * exposition formats forbid them) in {@code observa_metric_rejected_values_total{metric,reason}}, and
 * reports each metric and reason once a minute. Never throws. The counter is registered on the first refusal.
 */
final class RejectedValues {
  /** The self-metric's exported name, without {@code _total}. */
  static final String METRIC = "observa_metric_rejected_values";

  private final PrometheusRegistry registry;
  private final Consumer<Counter> onRegister;
  private volatile Counter counter;

  /**
   * @param registry where the counter is registered
   * @param onRegister told about the counter once it is registered (so the backend can unregister it)
   */
  RejectedValues(PrometheusRegistry registry, Consumer<Counter> onRegister) {
    this.registry = registry;
    this.onRegister = onRegister;
  }

  /**
   * @param meter the instrument's name as the user wrote it
   * @param reason {@code nan}, {@code infinite}, {@code negative} or {@code invalid}
   * @param value the refused value, for the report
   */
  void reject(String meter, String reason, Object value) {
    try {
      counter().labelValues(meter, reason).inc();
      Diagnostics.warn("metric.rejected." + reason + "." + meter, "ignored " + reason + " value " + value + " recorded into '"
          + meter + "' (counted in " + METRIC + "_total)");
    } catch (RuntimeException e) {
      Diagnostics.warn("metric.rejected.failed", "could not count a rejected value: " + e);
    }
  }

  /**
   * @param value a refused number
   * @return the reason label for it
   */
  static String reason(double value) {
    return Double.isNaN(value) ? "nan" : Double.isInfinite(value) ? "infinite" : value < 0 ? "negative" : "invalid";
  }

  private Counter counter() {
    Counter current = counter;
    if (current == null) {
      synchronized (this) {
        current = counter;
        if (current == null) {
          current = Counter.builder().name(METRIC)
              .help("Values instruments refused at record time (NaN, infinities, negative values they cannot expose)")
              .labelNames("metric", "reason").withoutExemplars().build();
          registry.register(current);
          onRegister.accept(current);
          counter = current;
        }
      }
    }
    return current;
  }
}
