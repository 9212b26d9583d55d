package dev.observa.meter;

import dev.observa.spi.MetricsBackend;
import java.util.List;

/**
 * Builds a {@link Timer}: a histogram in seconds whose buckets default to
 * {@link Buckets#DEFAULT_LATENCY_SECONDS}, so exemplars and SLO thresholds work out of the box.
 *
 * <pre>{@code
 * Timer t = obs.timer("checkout.duration").nativeBuckets(1.1).register();
 * }</pre>
 *
 * <p>Negative durations are refused (dropped and reported), as a duration cannot be negative.
 *
 * @since 0.1.0
 */
public final class TimerBuilder extends MeterBuilder<TimerBuilder> {
  private List<Double> buckets = Buckets.DEFAULT_LATENCY_SECONDS;
  private NativeBuckets nativeBuckets;

  TimerBuilder(MetricsBackend backend, String name) {
    super(backend, name);
  }

  /**
   * @param boundsSeconds explicit upper bounds in seconds, strictly ascending
   * @return this
   */
  public TimerBuilder buckets(double... boundsSeconds) {
    this.buckets = Buckets.explicit(boundsSeconds);
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
  public TimerBuilder nativeBuckets(double factor) {
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
  public TimerBuilder nativeMaxBuckets(int maxBuckets) {
    this.nativeBuckets = requireNative(nativeBuckets, "nativeMaxBuckets").withMaxBuckets(maxBuckets);
    return this;
  }

  /**
   * @param resetDuration how long a series over its bucket limit keeps its resolution before it may reset
   *     instead; {@link java.time.Duration#ZERO} (the default) never resets
   * @return this
   */
  public TimerBuilder nativeResetDuration(java.time.Duration resetDuration) {
    this.nativeBuckets = requireNative(nativeBuckets, "nativeResetDuration").withResetDuration(resetDuration);
    return this;
  }

  /** @return the registered timer; the same one for the same name and tags */
  public Timer register() {
    return backend().timer(descriptor(MeterType.TIMER, "seconds", buckets, List.of(), null, 0, nativeBuckets));
  }
}
