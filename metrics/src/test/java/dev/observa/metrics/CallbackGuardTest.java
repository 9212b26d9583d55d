package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.observa.Observa;
import org.junit.jupiter.api.Test;

/** A callback that throws, even an Error, reads as NaN and never fails a scrape (issue 14). */
class CallbackGuardTest {

  @Test
  void aGaugeCallbackThrowingAssertionErrorLeavesEveryOtherMetricInTheScrape() {
    PrometheusMetrics metrics = PrometheusMetrics.create();
    Observa obs = Observa.builder().noDiscovery().metrics(metrics).build();
    obs.gauge("queue.depth").observe(() -> {
      throw new AssertionError("invariant broken");
    });
    obs.counter("jobs.linked").observe(() -> {
      throw new NoClassDefFoundError("com/example/Missing");
    });
    obs.gauge("pool.size").observe(() -> 4);
    obs.counter("jobs.done").register().increment(3);
    for (String accept : new String[] {null, "application/openmetrics-text; version=1.0.0"}) {
      assertThatCode(() -> metrics.scrape(accept)).doesNotThrowAnyException();
      assertThat(metrics.scrape(accept).body()).contains("queue_depth NaN", "pool_size 4.0", "jobs_done_total 3.0")
          .doesNotContain("\njobs_linked_total ");
    }
    assertThatCode(() -> metrics.registry().scrape()).doesNotThrowAnyException();
    assertThat(metrics.dropSummary().get("callback_failures")).isGreaterThanOrEqualTo(4L);
  }

  @Test
  void aMessageThatThrowsIsDescribedSafely() {
    Throwable hostile = new RuntimeException() {
      @Override
      public String getMessage() {
        throw new IllegalStateException("no message for you");
      }
    };
    assertThat(dev.observa.spi.Diagnostics.describe(hostile)).contains("could not be read");
  }
}
