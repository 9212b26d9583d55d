package dev.observa.meter;

import dev.observa.spi.MeterNameRules;
import dev.observa.spi.MeterDescriptor;
import dev.observa.spi.MetricsBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What every instrument builder shares: name, description, base unit, tags and cardinality budget.
 * Every setter validates its argument at once and throws {@link IllegalArgumentException} naming the
 * bad value, so mistakes surface at registration time, never at record time. Not thread-safe.
 *
 * @param <B> the concrete builder
 * @since 0.1.0
 */
public abstract class MeterBuilder<B extends MeterBuilder<B>> {
  private final MetricsBackend backend;
  private final String name;
  private final TreeMap<String, String> tags = new TreeMap<>();
  private String description = "";
  private String baseUnit;
  private int maxSeries = MeterDescriptor.DEFAULT_MAX_SERIES;

  MeterBuilder(MetricsBackend backend, String name) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.name = MeterNameRules.requireValidName(name);
  }

  /**
   * @param description the help text; null means none
   * @return this
   */
  public B description(String description) {
    this.description = description == null ? "" : description;
    return self();
  }

  /**
   * @param baseUnit the base unit, e.g. {@code seconds} or {@code bytes}; appended to the Prometheus name
   * @return this
   */
  public B baseUnit(String baseUnit) {
    this.baseUnit = MeterNameRules.requireValidUnit(name, baseUnit);
    return self();
  }

  /**
   * Adds a constant tag. A null value is recorded as the empty string.
   *
   * @param key a tag key in {@code lower.dot.case} or {@code snake_case}
   * @param value the value
   * @return this
   */
  public B tag(String key, String value) {
    tags.put(MeterNameRules.requireValidTagKey(name, key), value == null ? "" : value);
    return self();
  }

  /**
   * @param tags constant tags; see {@link #tag}
   * @return this
   */
  public B tags(Map<String, String> tags) {
    tags.forEach(this::tag);
    return self();
  }

  /**
   * Sets the cardinality budget: how many series this metric name may have before new tag
   * combinations fold into one overflow series. Default {@value MeterDescriptor#DEFAULT_MAX_SERIES}.
   *
   * @param maxSeries at least 1
   * @return this
   */
  public B maxSeries(int maxSeries) {
    if (maxSeries < 1) {
      throw new IllegalArgumentException("maxSeries of metric '" + name + "' is " + maxSeries + ": it must be at least 1");
    }
    this.maxSeries = maxSeries;
    return self();
  }

  /** @return the instrument name */
  public String name() {
    return name;
  }

  boolean hasTag(String key) {
    return tags.containsKey(key);
  }

  MetricsBackend backend() {
    return backend;
  }

  MeterDescriptor descriptor(MeterType type, String unit, List<Double> buckets, List<Quantile> quantiles,
      Duration maxAge, int ageBuckets) {
    return descriptor(type, unit, buckets, quantiles, maxAge, ageBuckets, null);
  }

  MeterDescriptor descriptor(MeterType type, String unit, List<Double> buckets, List<Quantile> quantiles,
      Duration maxAge, int ageBuckets, NativeBuckets nativeBuckets) {
    return new MeterDescriptor(type, name, description, unit == null ? baseUnit : unit,
        java.util.Collections.unmodifiableMap(new TreeMap<>(tags)), buckets, quantiles, maxAge, ageBuckets, maxSeries,
        nativeBuckets);
  }

  MeterDescriptor descriptor(MeterType type) {
    return descriptor(type, null, List.of(), List.of(), null, 0);
  }

  /**
   * @param current the layout so far, or null
   * @param what the setter, for the message
   * @return {@code current}, which a limit setter needs to exist
   */
  final NativeBuckets requireNative(NativeBuckets current, String what) {
    if (current == null) {
      throw new IllegalArgumentException(what + " of metric '" + name + "' needs native buckets: call"
          + " nativeBuckets(factor) first");
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
