package dev.observa.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.meter.GoldenSignals;
import dev.observa.metrics.PrometheusMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SloMonitorTest {

  @Test
  void errorRatioOverRecentWindowsAndBudgetLeftComeFromTheInstrumentsOwnCounts() {
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    AtomicLong clock = new AtomicLong();
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build()) {
      GoldenSignals checkout = obs.goldenSignals("checkout").register();
      Slo availability = Slo.builder("avail").service("svc").operation("checkout").availability().objective(99).build();
      Slo latency = Slo.builder("fast").service("svc").operation("checkout").latency(0.1).objective(90).build();
      try (SloMonitor monitor = new SloMonitor(prometheus, List.of(availability, latency), clock::get, null)) {
        assertThat(monitor.errorRatio("avail", Duration.ofMinutes(5))).isNaN();
        assertThat(monitor.budgetRemaining("avail")).isEqualTo(1.0);

        for (int i = 0; i < 98; i++) {
          checkout.record(Duration.ofMillis(20), null);
        }
        checkout.record(Duration.ofMillis(500), null);
        checkout.record(Duration.ofMillis(20), new IllegalStateException());
        clock.addAndGet(Duration.ofMinutes(10).toNanos());
        monitor.sample();
        // 1 error in 100: a 1% error ratio spends the whole 1% budget
        assertThat(monitor.errorRatio("avail", Duration.ofMinutes(30))).isEqualTo(0.01);
        assertThat(monitor.budgetRemaining("avail")).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        // 1 slow in 100 against a 10% latency budget: 90% left
        assertThat(monitor.errorRatio("fast", Duration.ofHours(1))).isEqualTo(0.01);
        assertThat(monitor.budgetRemaining("fast")).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));

        for (int i = 0; i < 10; i++) {
          checkout.record(Duration.ofMillis(20), new IllegalStateException());
        }
        clock.addAndGet(Duration.ofMinutes(1).toNanos());
        monitor.sample();
        // the last 5 minutes saw only those 10 errors; the last 30 minutes saw 11 in 110
        assertThat(monitor.errorRatio("avail", Duration.ofMinutes(5))).isEqualTo(1.0);
        assertThat(monitor.errorRatio("avail", Duration.ofMinutes(30))).isEqualTo(0.1);
        assertThat(monitor.budgetRemaining("avail")).isLessThan(0);

        String text = prometheus.scrape("text/plain").body();
        assertThat(text).contains("observa_slo_error_ratio{slo=\"avail\",window=\"5m\"} 1.0\n",
            "observa_slo_error_ratio{slo=\"avail\",window=\"30m\"} 0.1\n", "observa_slo_error_budget_remaining{slo=\"fast\"}");
      }
    }
  }

  @Test
  void httpServerAvailabilityCountsResponsesWithAnErrorTypeAsErrors() {
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    AtomicLong clock = new AtomicLong();
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build()) {
      dev.observa.meter.Timer ok = obs.timer("http.server.request.duration").tag("http.response.status_code", "200")
          .tag("error.type", "").register();
      dev.observa.meter.Timer failed = obs.timer("http.server.request.duration").tag("http.response.status_code", "500")
          .tag("error.type", "500").register();
      Slo http = Slo.builder("api").service("svc").operation(OperationMetrics.HTTP_SERVER).availability().objective(99)
          .build();
      try (SloMonitor monitor = new SloMonitor(prometheus, List.of(http), clock::get, null)) {
        for (int i = 0; i < 3; i++) {
          ok.record(Duration.ofMillis(5));
        }
        failed.record(Duration.ofMillis(5));
        clock.addAndGet(Duration.ofMinutes(10).toNanos());
        monitor.sample();
        assertThat(monitor.errorRatio("api", Duration.ofMinutes(30))).isEqualTo(0.25);
      }
    }
  }
}
