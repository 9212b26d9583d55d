package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observa.Observa;
import dev.observa.meter.Counter;
import dev.observa.meter.CounterFamily;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CounterFamilyTest {
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
  void valuesGivenPerCallLandInTheirOwnSeriesBesideTheFixedTags() {
    CounterFamily requests = obs.counter("http.requests").tag("service", "shop").registerFamily("method", "status");
    requests.withTagValues("GET", "200").increment();
    requests.withTagValues("GET", "200").increment();
    requests.withTagValues("POST", "500").increment(3);
    assertThat(text())
        .contains("http_requests_total{method=\"GET\",service=\"shop\",status=\"200\"} 2.0\n")
        .contains("http_requests_total{method=\"POST\",service=\"shop\",status=\"500\"} 3.0\n");
  }

  @Test
  void theSameValuesGiveTheSameCounterEvenFromEqualButDistinctStrings() {
    CounterFamily family = obs.counter("jobs").registerFamily("queue");
    Counter first = family.withTagValues("emails");
    Counter again = family.withTagValues(new String("emails"));
    assertThat(again).isSameAs(first);
    CounterFamily three = obs.counter("hits").registerFamily("a", "b", "c");
    assertThat(three.withTagValues("1", "2", "3")).isSameAs(three.withTagValues("1", "2", "3"));
  }

  @Test
  void aFamilyAndAPlainCounterWithTheSameKeysShareTheirSeries() {
    CounterFamily family = obs.counter("logins").registerFamily("result");
    family.withTagValues("ok").increment();
    obs.counter("logins").tag("result", "ok").register().increment();
    assertThat(text()).contains("logins_total{result=\"ok\"} 2.0\n");
  }

  @Test
  void aWrongNumberOfValuesRecordsNothingAndNeverThrows() {
    CounterFamily family = obs.counter("orders").registerFamily("channel", "result");
    family.withTagValues("web").increment();
    family.withTagValues("web", "ok", "extra").increment();
    family.withTagValues((String[]) null).increment();
    family.withTagValues("web", null).increment();
    assertThat(text()).contains("orders_total{channel=\"web\",result=\"\"} 1.0\n");
    assertThat(text().lines().filter(l -> l.startsWith("orders_total{"))).hasSize(1);
  }

  @Test
  void invalidOrRepeatedKeysAreRejectedAtRegistration() {
    assertThatThrownBy(() -> obs.counter("a").registerFamily("bad key"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad key");
    assertThatThrownBy(() -> obs.counter("b").registerFamily("k", "k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
    assertThatThrownBy(() -> obs.counter("c").tag("k", "v").registerFamily("k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
    assertThatThrownBy(() -> obs.counter("d").registerFamily())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    obs.counter("e").tag("x", "1").register();
    assertThatThrownBy(() -> obs.counter("e").registerFamily("y"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conflicts");
  }

  @Test
  void aFloodOfValuesIsCappedByTheSeriesBudgetAndCounted() {
    CounterFamily family = obs.counter("flood").maxSeries(50).registerFamily("user", "region");
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      family.withTagValues(Long.toHexString(random.nextLong()), "eu").increment();
    }
    String text = text();
    assertThat(text.lines().filter(l -> l.startsWith("flood_total{"))).hasSize(51);
    assertThat(text).contains("flood_total{otel_metric_overflow=\"true\"} 19950.0\n");
    assertThat(text).contains("observa_metric_overflow_total{metric=\"flood\"} 19950.0\n");
  }
}
