package dev.observa.meter;

/**
 * A value that goes up and down, holding the last value set.
 *
 * <pre>{@code
 * Gauge connections = obs.gauge("pool.connections").register();
 * connections.set(12);
 * }</pre>
 *
 * <p>For a value read from an object at scrape time, use {@link GaugeBuilder#observe}. Never throws.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public interface Gauge {
  /**
   * @param value the new value; NaN is exposed as NaN
   */
  void set(double value);
}
