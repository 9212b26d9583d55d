package dev.observa.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observa.testing.RecordingMetricsBackend;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldenSignalsBuilderTest {
  private final RecordingMetricsBackend backend = new RecordingMetricsBackend();
  private final Instruments instruments = Instruments.of(backend);

  private static Map<String, String> outcome(String outcome, String error) {
    return Map.of("route", "/cart", "outcome", outcome, "error.type", error);
  }

  @Test
  void registersLatencyTrafficErrorsAndSaturationWithTheOperationsTags() {
    instruments.goldenSignals("checkout").tag("route", "/cart").utilization(() -> 0.5).register()
        .recordFailure(Duration.ofMillis(5), "http_503");

    assertThat(backend.registered("checkout.duration").get(0).baseUnit()).isEqualTo("seconds");
    assertThat(backend.registered("checkout.in_flight").get(0).type()).isEqualTo(MeterType.GAUGE);
    assertThat(backend.total("checkout.utilization", Map.of("route", "/cart"))).isEqualTo(0.5);
    assertThat(backend.registered("checkout.requests")).extracting(d -> d.tags())
        .contains(outcome("success", ""), outcome("error", "http_503"));
  }

  @Test
  void successErrorAndSlowOutcomesAreCountedApart() {
    GoldenSignals signals = instruments.goldenSignals("checkout").tag("route", "/cart")
        .slowAfter(Duration.ofSeconds(1)).register();
    signals.record(Duration.ofMillis(10), null);
    signals.record(Duration.ofMillis(10), new IOException("down"));
    signals.record(Duration.ofSeconds(2), null);
    signals.record(Duration.ofMillis(-1), null); // ignored
    signals.recordFailure(null, "ignored");

    assertThat(backend.total("checkout.requests", outcome("success", ""))).isEqualTo(1);
    assertThat(backend.total("checkout.requests", outcome("error", "java.io.IOException"))).isEqualTo(1);
    assertThat(backend.total("checkout.requests", outcome("error", "slow"))).isEqualTo(1);
    assertThat(backend.values("checkout.duration", Map.of("route", "/cart"))).containsExactly(0.01, 0.01, 2.0);
  }

  @Test
  void anOperationIsInFlightUntilClosedAndASecondCloseRecordsNothing() {
    GoldenSignals signals = instruments.goldenSignals("job").register();
    GoldenSignals.Operation operation = signals.start();
    assertThat(backend.total("job.in_flight", Map.of())).isEqualTo(1);
    operation.fail("timeout").close();
    operation.close();
    assertThat(backend.total("job.in_flight", Map.of())).isZero();
    assertThat(backend.total("job.requests", Map.of("outcome", "error", "error.type", "timeout"))).isEqualTo(1);
    assertThat(backend.values("job.duration", Map.of())).hasSize(1);
  }

  @Test
  void runAndCallCountTheTasksExceptionAndRethrowItUnchanged() throws Exception {
    GoldenSignals signals = instruments.goldenSignals("job").register();
    IllegalStateException failure = new IllegalStateException("boom");
    assertThatThrownBy(() -> signals.run(() -> {
      throw failure;
    })).isSameAs(failure);
    IOException checked = new IOException("io");
    assertThatThrownBy(() -> signals.call(() -> {
      throw checked;
    })).isSameAs(checked);
    assertThat(signals.call(() -> 42)).isEqualTo(42);

    assertThat(backend.total("job.requests", Map.of("outcome", "error", "error.type", "java.lang.IllegalStateException"))).isEqualTo(1);
    assertThat(backend.total("job.requests", Map.of("outcome", "error", "error.type", "java.io.IOException"))).isEqualTo(1);
    assertThat(backend.total("job.requests", Map.of("outcome", "success", "error.type", ""))).isEqualTo(1);
  }

  @Test
  void withoutInFlightRegistersNoGaugeButStillCounts() {
    GoldenSignals signals = instruments.goldenSignals("http.server").withoutInFlight().register();
    try (GoldenSignals.Operation operation = signals.start()) {
      operation.fail(new RuntimeException());
    }
    assertThat(backend.registered("http.server.in_flight")).isEmpty();
    assertThat(backend.total("http.server.requests", Map.of("outcome", "error", "error.type", "java.lang.RuntimeException")))
        .isEqualTo(1);
  }

  @Test
  void reservedOrInvalidSettingsAreRejectedNamingThem() {
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.goldenSignals("op").tag("outcome", "x"))
        .withMessageContaining("'outcome'").withMessageContaining("reserved");
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.goldenSignals("op").slowAfter(Duration.ZERO))
        .withMessageContaining("PT0S");
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.goldenSignals("op").maxSeries(0))
        .withMessageContaining("0");
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.goldenSignals("op").buckets(1, 1))
        .withMessageContaining("1.0");
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.goldenSignals("9op"))
        .withMessageContaining("'9op'");
  }
}
