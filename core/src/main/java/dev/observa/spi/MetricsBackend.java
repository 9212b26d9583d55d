package dev.observa.spi;

import dev.observa.meter.Counter;
import dev.observa.meter.CounterFamily;
import dev.observa.meter.Gauge;
import dev.observa.meter.Histogram;
import dev.observa.meter.Summary;
import dev.observa.meter.Timer;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Creates instruments from validated descriptors. Implemented by the {@code observa-metrics} module
 * and by the no-op default. Instruments it returns must never throw when recording.
 *
 * @since 0.1.0
 */
public interface MetricsBackend extends AutoCloseable {
  /**
   * @param descriptor a validated counter descriptor
   * @return the counter for that name and tags, the same one on each call
   */
  Counter counter(MeterDescriptor descriptor);

  /**
   * A counter family whose values for {@code tagKeys} come with each call. The default resolves each new
   * combination through {@link #counter(MeterDescriptor)} and caches it (up to the descriptor's
   * {@code maxSeries} combinations); backends override it with a lookup that does not allocate.
   *
   * @param descriptor a validated counter descriptor with the fixed tags
   * @param tagKeys validated keys, distinct from the fixed ones
   * @return the family
   */
  default CounterFamily counterFamily(MeterDescriptor descriptor, List<String> tagKeys) {
    return new DescriptorCounterFamily(this, descriptor, tagKeys);
  }

  /**
   * @param descriptor a validated gauge descriptor
   * @return a settable gauge
   */
  Gauge gauge(MeterDescriptor descriptor);

  /**
   * Registers a gauge read at scrape time. The supplier is held strongly; an exception from it must
   * read as NaN and never reach the scraper.
   *
   * @param descriptor a validated gauge descriptor
   * @param supplier the value source
   */
  void observe(MeterDescriptor descriptor, DoubleSupplier supplier);

  /**
   * Registers a counter read at scrape time from a monotonically increasing total. The supplier is held
   * strongly; an exception from it must read as NaN and never reach the scraper.
   *
   * @param descriptor a validated counter descriptor
   * @param total the running total
   */
  void observeCounter(MeterDescriptor descriptor, DoubleSupplier total);

  /**
   * @param descriptor a validated histogram descriptor
   * @return the histogram
   */
  Histogram histogram(MeterDescriptor descriptor);

  /**
   * @param descriptor a validated summary descriptor
   * @return the summary
   */
  Summary summary(MeterDescriptor descriptor);

  /**
   * @param descriptor a validated timer descriptor (base unit seconds)
   * @return the timer
   */
  Timer timer(MeterDescriptor descriptor);

  /**
   * Gives access to implementation objects, such as the Prometheus exposition of the metrics module or
   * the recent-trace store of the tracing module.
   *
   * @param type the wanted type
   * @param <T> the type
   * @return an object of that type this backend owns, or null
   */
  default <T> T unwrap(Class<T> type) {
    return type.isInstance(this) ? type.cast(this) : null;
  }

  /**
   * What this backend lost since it started, by reason, for diagnostics and the one summary line logged at
   * close (e.g. {@code series_overflow}, {@code queue_full}). Never throws.
   *
   * <pre>{@code
   * Map<String, Long> lost = backend.dropSummary(); // {queue_full=0, export_failed=12, ...}
   * }</pre>
   *
   * @return counts by reason; empty when nothing is counted
   * @since 0.1.0
   */
  default java.util.Map<String, Long> dropSummary() {
    return java.util.Map.of();
  }

  /** Releases resources; never throws. */
  @Override
  default void close() {}
}
