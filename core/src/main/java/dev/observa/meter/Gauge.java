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

  /**
   * Adds to the value atomically, e.g. {@code +1} when a request starts and {@code -1} when it ends.
   *
   * @param delta the change; NaN and infinities are ignored
   */
  void add(double delta);
}
