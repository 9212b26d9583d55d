package dev.observa.meter;

import dev.observa.spi.MetricsBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link Summary} with client-side quantile objectives over a sliding window.
 * Defaults: no quantiles (sum and count only), a 10-minute window in 5 age buckets.
 *
 * <p>A summary refuses negative values (dropped, counted in {@code observa_metric_rejected_values_total}
 * and reported once a minute): OpenMetrics parsers reject a negative quantile value and a negative
 * {@code _sum}, and OTLP's summary forbids them, so one negative observation would fail whole scrapes.
 * Record what is non-negative by nature (durations, sizes); for signed values use a histogram with a
 * negative lowest bound.
 *
 * @since 0.1.0
 */
public final class SummaryBuilder extends MeterBuilder<SummaryBuilder> {
  private final List<Quantile> quantiles = new ArrayList<>();
  private Duration maxAge = Duration.ofMinutes(10);
  private int ageBuckets = 5;

  SummaryBuilder(MetricsBackend backend, String name) {
    super(backend, name);
  }

  /**
   * @param quantile in (0, 1), e.g. 0.99
   * @param error the allowed rank error, e.g. 0.001
   * @return this
   */
  public SummaryBuilder quantile(double quantile, double error) {
    quantiles.add(new Quantile(quantile, error));
    return this;
  }

  /**
   * @param maxAge the sliding window over which quantiles are computed, positive
   * @return this
   */
  public SummaryBuilder maxAge(Duration maxAge) {
    if (maxAge == null || maxAge.isZero() || maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge of summary '" + name() + "' is " + maxAge + ": it must be positive");
    }
    this.maxAge = maxAge;
    return this;
  }

  /**
   * @param ageBuckets how many windows rotate through {@code maxAge}, at least 1
   * @return this
   */
  public SummaryBuilder ageBuckets(int ageBuckets) {
    if (ageBuckets < 1) {
      throw new IllegalArgumentException("ageBuckets of summary '" + name() + "' is " + ageBuckets + ": it must be >= 1");
    }
    this.ageBuckets = ageBuckets;
    return this;
  }

  /** @return the registered summary; the same one for the same name and tags */
  public Summary register() {
    return backend().summary(descriptor(MeterType.SUMMARY, null, List.of(), List.copyOf(quantiles), maxAge, ageBuckets));
  }
}
