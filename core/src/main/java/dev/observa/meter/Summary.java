package dev.observa.meter;

/**
 * A distribution with client-side quantiles over a sliding time window, plus sum and count.
 *
 * <pre>{@code
 * Summary durations = obs.summary("rpc.durations").baseUnit("seconds")
 *     .quantile(0.5, 0.05).quantile(0.9, 0.01).quantile(0.99, 0.001).register();
 * durations.record(0.042);
 * }</pre>
 *
 * <p>Quantiles of a summary cannot be aggregated across instances; prefer a {@link Histogram} when in
 * doubt. Never throws; NaN and infinite values are ignored. Thread-safe.
 *
 * @since 0.1.0
 */
public interface Summary {
  /**
   * @param value a finite observation; anything else is ignored
   */
  void record(double value);
}
