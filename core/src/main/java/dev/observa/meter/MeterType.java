package dev.observa.meter;

/**
 * The kind of an instrument.
 *
 * @since 0.1.0
 */
public enum MeterType {
  /** See {@link Counter}. */
  COUNTER,
  /** See {@link Gauge}. */
  GAUGE,
  /** See {@link Histogram}. */
  HISTOGRAM,
  /** See {@link Summary}. */
  SUMMARY,
  /** See {@link Timer}. */
  TIMER
}
