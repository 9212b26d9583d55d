package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observa.Observa;
import dev.observa.meter.GoldenSignals;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GoldenSignalsTest {
  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();

  @AfterEach
  void close() {
    obs.close();
  }

  private String text() {
    return prometheus.scrape("text/plain").body();
  }

  @Test
  void oneCallGivesLatencyTrafficErrorsAndSaturationUnderTheDocumentedNames() throws Exception {
    ArrayBlockingQueue<String> queue = new ArrayBlockingQueue<>(4);
    queue.add("a");
    GoldenSignals checkout = obs.goldenSignals("checkout").tag("route", "/cart")
        .utilization(() -> queue.size() / 4.0).register();
    checkout.record(Duration.ofMillis(40), null);
    checkout.record(Duration.ofMillis(300), new IllegalStateException());
    assertThat(checkout.call(() -> "ok")).isEqualTo("ok");
    assertThatThrownBy(() -> checkout.run(() -> {
      throw new IllegalArgumentException("bad");
    })).isInstanceOf(IllegalArgumentException.class);

    String text = text();
    assertThat(text).contains("# TYPE checkout_duration_seconds histogram\n",
        "checkout_duration_seconds_bucket{route=\"/cart\",le=\"0.1\"} 3\n",
        "checkout_duration_seconds_count{route=\"/cart\"} 4\n");
    assertThat(text).contains(
        "checkout_requests_total{error_type=\"\",outcome=\"success\",route=\"/cart\"} 2.0\n",
        "checkout_requests_total{error_type=\"java.lang.IllegalStateException\",outcome=\"error\",route=\"/cart\"} 1.0\n",
        "checkout_requests_total{error_type=\"java.lang.IllegalArgumentException\",outcome=\"error\",route=\"/cart\"} 1.0\n",
        "checkout_in_flight{route=\"/cart\"} 0.0\n",
        "checkout_utilization{route=\"/cart\"} 0.25\n");
  }

  @Test
  void inFlightCountsOpenOperationsAndClosingTwiceCountsOnce() {
    GoldenSignals jobs = obs.goldenSignals("jobs").register();
    GoldenSignals.Operation first = jobs.start();
    GoldenSignals.Operation second = obs.goldenSignals("jobs").register().start();
    assertThat(text()).contains("jobs_in_flight 2.0\n");
    first.close();
    first.close();
    second.fail("503").close();
    String text = text();
    assertThat(text).contains("jobs_in_flight 0.0\n", "jobs_requests_total{error_type=\"\",outcome=\"success\"} 1.0\n",
        "jobs_requests_total{error_type=\"503\",outcome=\"error\"} 1.0\n", "jobs_duration_seconds_count 2\n");
  }

  @Test
  void aSuccessSlowerThanTheLimitCountsAsASlowError() {
    GoldenSignals search = obs.goldenSignals("search").slowAfter(Duration.ofSeconds(1)).register();
    search.record(Duration.ofSeconds(60), null);
    search.record(Duration.ofMillis(10), null);
    assertThat(text()).contains("search_requests_total{error_type=\"slow\",outcome=\"error\"} 1.0\n",
        "search_requests_total{error_type=\"\",outcome=\"success\"} 1.0\n");
  }

  @Test
  void reservedTagsAndBadSettingsAreRejectedAtBuildTime() {
    assertThatIllegalArgumentException().isThrownBy(() -> obs.goldenSignals("x").tag("outcome", "ok"))
        .withMessageContaining("reserved");
    assertThatIllegalArgumentException().isThrownBy(() -> obs.goldenSignals("x").tag("error.type", "x"))
        .withMessageContaining("reserved");
    assertThatIllegalArgumentException().isThrownBy(() -> obs.goldenSignals("x").slowAfter(Duration.ZERO));
    assertThatIllegalArgumentException().isThrownBy(() -> obs.goldenSignals("bad name"));
  }

  /** Error types may come from request data: at most maxSeries are kept; the rest share the overflow series. */
  @Test
  void errorTypesBeyondTheBudgetShareTheOverflowSeriesAndAreNotKept() {
    GoldenSignals imports = obs.goldenSignals("imports").maxSeries(10).register();
    // the success series and 9 error types fill the budget of 10
    for (int i = 0; i < 20_000; i++) {
      imports.recordFailure(Duration.ofMillis(5), "code-" + i);
    }
    String text = text();
    assertThat(text.lines().filter(l -> l.startsWith("imports_requests_total{"))).hasSize(11);
    assertThat(text).contains("imports_requests_total{otel_metric_overflow=\"true\"} 19991.0\n");
  }
}
