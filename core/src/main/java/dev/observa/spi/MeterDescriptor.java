package dev.observa.spi;

import dev.observa.meter.MeterType;
import dev.observa.meter.NativeBuckets;
import dev.observa.meter.Quantile;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a {@link MetricsBackend} needs to create one instrument, validated by the builder that
 * made it. Immutable.
 *
 * @param type the instrument kind
 * @param name the validated name in {@code lower.dot.case} or {@code snake_case}
 * @param description the help text, never null (may be empty)
 * @param baseUnit the base unit such as {@code seconds}, or null for none
 * @param tags the tags, sorted by key, unmodifiable
 * @param buckets histogram/timer bucket upper bounds, ascending; empty for other types
 * @param quantiles summary objectives; empty for other types
 * @param maxAge the summary's sliding window, or null for other types
 * @param ageBuckets the number of rotating windows in the summary's sliding window
 * @param maxSeries the cardinality budget of this metric name
 * @param nativeBuckets the native histogram layout of a histogram or timer kept alongside its classic
 *     buckets, or null for classic buckets only
 * @since 0.1.0
 */
public record MeterDescriptor(
    MeterType type,
    String name,
    String description,
    String baseUnit,
    Map<String, String> tags,
    List<Double> buckets,
    List<Quantile> quantiles,
    Duration maxAge,
    int ageBuckets,
    int maxSeries,
    NativeBuckets nativeBuckets) {

  /** The default number of series one metric name may have. */
  public static final int DEFAULT_MAX_SERIES = 1000;

  /**
   * @param tags the full set of tags
   * @return this descriptor with other tags
   */
  public MeterDescriptor withTags(Map<String, String> tags) {
    return new MeterDescriptor(type, name, description, baseUnit,
        java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags)), buckets, quantiles, maxAge, ageBuckets,
        maxSeries, nativeBuckets);
  }

  /**
   * @param keys tag keys whose values come per call
   * @return this descriptor with those keys added, each with an empty value
   */
  public MeterDescriptor withPerCallKeys(List<String> keys) {
    Map<String, String> all = new java.util.TreeMap<>(tags);
    keys.forEach(key -> all.put(key, ""));
    return withTags(all);
  }

  /** @return the bucket bounds as a fresh array */
  public double[] bucketArray() {
    double[] array = new double[buckets.size()];
    for (int i = 0; i < array.length; i++) {
      array[i] = buckets.get(i);
    }
    return array;
  }
}
