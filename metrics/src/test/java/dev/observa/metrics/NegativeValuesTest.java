package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.meter.Histogram;
import dev.observa.meter.Summary;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Values an instrument cannot expose are refused at record time and counted, so no scrape carries a value
 * a conformant parser rejects (the OpenMetrics parser refuses a whole scrape with "Quantile values cannot
 * be negative" or "Counter-like samples cannot be negative").
 */
class NegativeValuesTest {
  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();

  @AfterEach
  void close() {
    obs.close();
  }

  private String openMetrics() {
    return prometheus.scrape("application/openmetrics-text").body();
  }

  @Test
  void aSummaryRefusesNegativeValuesAndCountsThem() {
    Summary summary = obs.summary("rpc.durations").baseUnit("seconds").quantile(0.5, 0.05).quantile(0.99, 0.001)
        .register();
    summary.record(-0.0004);
    summary.record(0.0002);
    summary.record(-1e300);
    String text = openMetrics();
    assertThat(text).contains("rpc_durations_seconds{quantile=\"0.5\"} 2.0E-4\n",
        "rpc_durations_seconds{quantile=\"0.99\"} 2.0E-4\n", "rpc_durations_seconds_count 1\n",
        "rpc_durations_seconds_sum 2.0E-4\n",
        "observa_metric_rejected_values_total{metric=\"rpc.durations\",reason=\"negative\"} 2.0\n");
  }

  @Test
  void aHistogramWhoseLowestBoundIsNotNegativeRefusesNegativeValues() {
    Histogram histogram = obs.histogram("payload.size").baseUnit("bytes").buckets(0, 100).register();
    histogram.record(-5);
    histogram.record(50);
    histogram.record(Double.NaN);
    assertThat(openMetrics()).contains("payload_size_bytes_bucket{le=\"0.0\"} 0\n", "payload_size_bytes_count 1\n",
        "payload_size_bytes_sum 50.0\n",
        "observa_metric_rejected_values_total{metric=\"payload.size\",reason=\"negative\"} 1.0\n",
        "observa_metric_rejected_values_total{metric=\"payload.size\",reason=\"nan\"} 1.0\n");
  }

  @Test
  void aHistogramWithANegativeBoundTakesNegativeValuesAndExposesNoSum() {
    Histogram histogram = obs.histogram("clock.offset").baseUnit("seconds").linearBuckets(-1, 1, 3).register();
    histogram.record(-0.5);
    histogram.record(5);
    assertThat(openMetrics()).contains("clock_offset_seconds_bucket{le=\"0.0\"} 1\n",
        "clock_offset_seconds_bucket{le=\"+Inf\"} 2\n").doesNotContain("clock_offset_seconds_sum",
        "observa_metric_rejected_values");
  }

  @Test
  void timersAndCountersRefuseNegativeAmountsAndEveryRefusalIsCountedByReason() {
    obs.timer("checkout").register().record(Duration.ofMillis(-3));
    obs.counter("jobs").register().increment(-2);
    obs.counter("jobs").register().increment(Double.POSITIVE_INFINITY);
    assertThat(openMetrics()).contains("checkout_seconds_count 0\n",
        "observa_metric_rejected_values_total{metric=\"checkout\",reason=\"negative\"} 1.0\n",
        "observa_metric_rejected_values_total{metric=\"jobs\",reason=\"negative\"} 1.0\n",
        "observa_metric_rejected_values_total{metric=\"jobs\",reason=\"infinite\"} 1.0\n",
        "jobs_total 0.0\n");
  }
}
