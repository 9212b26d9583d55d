package dev.observa.meter;

import dev.observa.spi.MetricsBackend;
import java.util.List;

/**
 * Builds a {@link Timer}: a histogram in seconds whose buckets default to
 * {@link Buckets#DEFAULT_LATENCY_SECONDS}, so exemplars and SLO thresholds work out of the box.
 *
 * @since 0.1.0
 */
public final class TimerBuilder extends MeterBuilder<TimerBuilder> {
  private List<Double> buckets = Buckets.DEFAULT_LATENCY_SECONDS;

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

  /** @return the registered timer; the same one for the same name and tags */
  public Timer register() {
    return backend().timer(descriptor(MeterType.TIMER, "seconds", buckets, List.of(), null, 0));
  }
}
