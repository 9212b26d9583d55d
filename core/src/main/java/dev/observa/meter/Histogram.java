package dev.observa.meter;

/**
 * A distribution of observations counted into buckets, with sum and count; buckets carry an exemplar
 * (trace id, span id) whenever a sampled span is current.
 *
 * <pre>{@code
 * Histogram size = obs.histogram("payload.size").baseUnit("bytes").exponentialBuckets(64, 4, 8).register();
 * size.record(1500);
 * }</pre>
 *
 * <p>Never throws. NaN and infinite values are ignored (reported once), so sum and count stay usable.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public interface Histogram {
  /**
   * @param value a finite observation; anything else is ignored
   */
  void record(double value);
}
