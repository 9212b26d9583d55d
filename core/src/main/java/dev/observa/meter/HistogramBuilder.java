package dev.observa.meter;

import dev.observa.spi.MetricsBackend;
import java.util.List;

/**
 * Builds a {@link Histogram}. Without a bucket call, the buckets are
 * {@link Buckets#DEFAULT_LATENCY_SECONDS}.
 *
 * <pre>{@code
 * Histogram h = obs.histogram("rpc.durations.histogram").baseUnit("seconds")
 *     .linearBuckets(-4, 0.5, 20).register();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class HistogramBuilder extends MeterBuilder<HistogramBuilder> {
  private List<Double> buckets = Buckets.DEFAULT_LATENCY_SECONDS;

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

  /** @return the registered histogram; the same one for the same name and tags */
  public Histogram register() {
    return backend().histogram(descriptor(MeterType.HISTOGRAM, null, buckets, List.of(), null, 0));
  }
}
