package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.metrics.internal.PrometheusMetricsBackend;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CardinalityGuardTest {
  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();

  @AfterEach
  void close() {
    obs.close();
  }

  @Test
  void aFloodOfTagValuesIsCappedIntoOneOverflowSeriesWithTotalsKept() {
    Random random = new Random(42);
    for (int i = 0; i < 100_000; i++) {
      obs.counter("requests").tag("user", Long.toHexString(random.nextLong()) + i).register().increment();
    }
    PrometheusMetricsBackend backend = obs.unwrap(PrometheusMetricsBackend.class);
    assertThat(backend.seriesCounts()).containsEntry("requests", 1000 + 1);
    String text = prometheus.scrape("text/plain").body();
    assertThat(text.lines().filter(l -> l.startsWith("requests_total{"))).hasSize(1001);
    assertThat(text).contains("requests_total{otel_metric_overflow=\"true\"} 99000.0\n");
    assertThat(text).contains("observa_metric_overflow_total{metric=\"requests\"} 99000.0\n");
    assertThat(text.length()).isLessThan(200_000);
  }

  @Test
  void theBudgetIsConfigurablePerMetricAndOverflowKeepsHistogramCounts() {
    for (int i = 0; i < 50; i++) {
      obs.histogram("latency").tag("route", "/r" + i).maxSeries(10).register().record(0.1);
    }
    String text = prometheus.scrape("text/plain").body();
    assertThat(text).contains("latency_count{otel_metric_overflow=\"true\"} 40\n");
    assertThat(text.lines().filter(l -> l.startsWith("latency_count{"))).hasSize(11);
    String openMetrics = prometheus.scrape("application/openmetrics-text").body();
    assertThat(openMetrics).contains("latency_bucket{otel_metric_overflow=\"true\",le=\"0.1\"} 40");
  }

  @Test
  void callbackGaugesBeyondTheBudgetAreNotRegisteredAndAreCounted() {
    for (int i = 0; i < 5; i++) {
      int value = i;
      obs.gauge("pool.size").tag("pool", "p" + i).maxSeries(3).observe(() -> value);
    }
    String text = prometheus.scrape("text/plain").body();
    assertThat(text.lines().filter(l -> l.startsWith("pool_size{"))).hasSize(3);
    assertThat(text).contains("observa_metric_overflow_total{metric=\"pool.size\"} 2.0\n");
  }
}
