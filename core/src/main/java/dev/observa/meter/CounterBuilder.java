package dev.observa.meter;

import dev.observa.spi.MeterNameRules;
import dev.observa.spi.MetricsBackend;

/**
 * Builds a {@link Counter}: {@code obs.counter("rpc.requests").tag("service", "a").register()}.
 * Registering the same name and tags again returns the same counter.
 *
 * @since 0.1.0
 */
public final class CounterBuilder extends MeterBuilder<CounterBuilder> {
  CounterBuilder(MetricsBackend backend, String name) {
    super(backend, name);
  }

  /**
   * @return the registered counter
   * @throws IllegalArgumentException if the name is registered with another type or other tag keys
   */
  public Counter register() {
    return backend().counter(descriptor(MeterType.COUNTER));
  }

  /**
   * Registers a family of counters whose values for {@code tagKeys} are given per call; the tags set on
   * this builder stay fixed for every series.
   *
   * @param tagKeys the keys whose values vary, in the order {@link CounterFamily#withTagValues} takes them
   * @return the family
   * @throws IllegalArgumentException if a key is invalid, repeated, or also a fixed tag
   */
  public CounterFamily registerFamily(String... tagKeys) {
    java.util.List<String> keys = new java.util.ArrayList<>();
    for (String key : tagKeys) {
      MeterNameRules.requireValidTagKey(name(), key);
      if (keys.contains(key) || hasTag(key)) {
        throw new IllegalArgumentException("Tag key '" + key + "' of metric '" + name() + "' is given twice: "
            + "a key is either fixed or given per call, once");
      }
      keys.add(key);
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("Metric '" + name() + "': registerFamily needs at least one tag key");
    }
    return backend().counterFamily(descriptor(MeterType.COUNTER), java.util.List.copyOf(keys));
  }

  /**
   * Registers a counter whose total is read at scrape time from a monotonically increasing source, such
   * as a count kept by a library. The supplier is held strongly; an exception from it reads as NaN.
   *
   * @param total the running total
   * @throws IllegalArgumentException if the name is registered with another type or other tag keys
   */
  public void observe(java.util.function.DoubleSupplier total) {
    backend().observeCounter(descriptor(MeterType.COUNTER), java.util.Objects.requireNonNull(total, "total"));
  }
}
