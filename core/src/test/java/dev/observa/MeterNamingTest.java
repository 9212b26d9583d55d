package dev.observa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MeterNamingTest {
  private final Observa obs = Observa.noop();

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "has space", "1starts.with.digit", "dots..twice", "trailing.", ".leading",
      "dash-name", "ünicode"})
  void rejectsInvalidMetricNamesAtBuildTimeNamingTheRuleAndTheName(String name) {
    assertThatIllegalArgumentException().isThrownBy(() -> obs.counter(name))
        .withMessageContaining("'" + name + "'")
        .withMessageContaining("[a-zA-Z_:][a-zA-Z0-9_:]*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rpc.requests", "rpc_requests", "http.server.request.duration", "ns:rule_name", "_private"})
  void acceptsDotCaseAndSnakeCase(String name) {
    assertThat(obs.counter(name).name()).isEqualTo(name);
  }

  @org.junit.jupiter.api.Test
  void rejectsNullName() {
    assertThatIllegalArgumentException().isThrownBy(() -> obs.histogram(null)).withMessageContaining("'null'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"le", "quantile", "__reserved", "1digit", "has space", "a-b", ""})
  void rejectsInvalidOrReservedTagKeys(String key) {
    assertThatIllegalArgumentException().isThrownBy(() -> obs.counter("requests").tag(key, "v"))
        .withMessageContaining("Tag key '" + key + "'")
        .withMessageContaining("requests");
  }

  @org.junit.jupiter.api.Test
  void rejectsInvalidUnitAndBuckets() {
    assertThatIllegalArgumentException().isThrownBy(() -> obs.histogram("h").baseUnit("Seconds"));
    assertThatIllegalArgumentException().isThrownBy(() -> obs.histogram("h").buckets(1, 1))
        .withMessageContaining("strictly ascending");
    assertThatIllegalArgumentException().isThrownBy(() -> obs.histogram("h").buckets(Double.NaN));
    assertThatIllegalArgumentException().isThrownBy(() -> obs.histogram("h").exponentialBuckets(0, 2, 3));
    assertThatIllegalArgumentException().isThrownBy(() -> obs.histogram("h").linearBuckets(0, 0, 3));
    assertThatIllegalArgumentException().isThrownBy(() -> obs.summary("s").quantile(1.5, 0.01));
    assertThatIllegalArgumentException().isThrownBy(() -> obs.counter("c").maxSeries(0));
  }

  @org.junit.jupiter.api.Test
  void linearAndExponentialBoundsAreTheDecimalsPeopleWrite() {
    assertThat(dev.observa.meter.Buckets.linear(-0.00099, 0.0001, 20)).contains(-0.00039, 0.00001, 0.00021)
        .hasSize(20);
    assertThat(dev.observa.meter.Buckets.linear(0.1, 0.05, 3)).containsExactly(0.1, 0.15, 0.2);
    assertThat(dev.observa.meter.Buckets.exponential(0.001, 1.1, 3)).containsExactly(0.001, 0.0011, 0.00121);
  }

  @org.junit.jupiter.api.Test
  void nullTagValueIsRecordedAsEmptyString() {
    assertThat(obs.counter("c").tag("k", null).register()).isNotNull();
  }
}
