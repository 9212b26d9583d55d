package dev.observa.meter;

import dev.observa.spi.MetricsBackend;
import java.util.List;

/**
 * Builds a {@link Histogram}. Without a bucket call, the buckets are
 * {@link Buckets#DEFAULT_LATENCY_SECONDS}.
 *
 * <p>A histogram whose lowest bound is zero or more refuses negative values (dropped, counted in
 * {@code observa_metric_rejected_values_total} and reported once a minute), since its {@code _sum} is
 * a counter in OpenMetrics. With a negative lowest bound it takes every finite value and exposes no
 * {@code _sum} in OpenMetrics ("Negative threshold buckets MAY be used, but then the Histogram MetricPoint
 * MUST NOT contain a sum value as it would no longer be a counter semantically").
 *
 * <pre>{@code
 * Histogram h = obs.histogram("rpc.durations.histogram").baseUnit("seconds")
 *     .linearBuckets(-4, 0.5, 20).nativeBuckets(1.1).register();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class HistogramBuilder extends MeterBuilder<HistogramBuilder> {
  private List<Double> buckets = Buckets.DEFAULT_LATENCY_SECONDS;
  private NativeBuckets nativeBuckets;

  HistogramBuilder(MetricsBackend backend, String name) {
    super(backend, name);
  }

  /**
   * @param bounds explicit upper bounds, strictly ascending
   * @return this
   */
  public HistogramBuilder buckets(double... bounds) {
    this.buckets = Buckets.explicit(bounds);
    return this;
  }

  /**
   * @param start first bound
   * @param width distance between bounds
   * @param count number of bounds
   * @return this
   */
  public HistogramBuilder linearBuckets(double start, double width, int count) {
    this.buckets = Buckets.linear(start, width, count);
    return this;
  }

  /**
   * @param start first bound
   * @param factor ratio between bounds
   * @param count number of bounds
   * @return this
   */
  public HistogramBuilder exponentialBuckets(double start, double factor, int count) {
    this.buckets = Buckets.exponential(start, factor, count);
    return this;
  }

  /**
   * Keeps a native histogram (sparse exponential buckets) beside the classic buckets, exposed in
   * Prometheus' protobuf format; the text formats keep showing the classic buckets, so a Prometheus
   * without native histograms still works.
   *
   * @param factor the largest acceptable ratio between neighbouring bounds, e.g. {@code 1.1} (schema 3,
   *     factor 2^(1/8) ≈ 1.0905); see {@link NativeBuckets#ofFactor}
   * @return this
   */
  public HistogramBuilder nativeBuckets(double factor) {
    NativeBuckets chosen = NativeBuckets.ofFactor(factor);
    this.nativeBuckets = nativeBuckets == null ? chosen
        : chosen.withMaxBuckets(nativeBuckets.maxBuckets()).withResetDuration(nativeBuckets.resetDuration());
    return this;
  }

  /**
   * @param maxBuckets the native bucket limit per series (default {@value NativeBuckets#DEFAULT_MAX_BUCKETS});
   *     beyond it the series resets or halves its resolution
   * @return this
   */
  public HistogramBuilder nativeMaxBuckets(int maxBuckets) {
    this.nativeBuckets = requireNative(nativeBuckets, "nativeMaxBuckets").withMaxBuckets(maxBuckets);
    return this;
  }

  /**
   * @param resetDuration how long a series over its bucket limit keeps its resolution before it may reset
   *     instead; {@link java.time.Duration#ZERO} (the default) never resets
   * @return this
   */
  public HistogramBuilder nativeResetDuration(java.time.Duration resetDuration) {
    this.nativeBuckets = requireNative(nativeBuckets, "nativeResetDuration").withResetDuration(resetDuration);
    return this;
  }

  /** @return the registered histogram; the same one for the same name and tags */
  public Histogram register() {
    return backend().histogram(descriptor(MeterType.HISTOGRAM, null, buckets, List.of(), null, 0, nativeBuckets));
  }
}
