package dev.observa.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observa.Observa;
import dev.observa.meter.Histogram;
import dev.observa.trace.ActiveSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

@ExtendWith(ObservaTestExtension.class)
class ObservaCaptureTest {

  @Test
  void spanLogLineAndExemplarOfOneRequestShareItsTraceId(ObservaCapture capture) {
    Observa obs = capture.observa();
    Histogram latency = obs.histogram("checkout.latency").baseUnit("seconds").register();
    String traceId;
    try (ActiveSpan span = obs.span("checkout").startActive()) {
      traceId = span.context().traceId();
      LoggerFactory.getLogger("checkout").info("placing order");
      latency.record(0.042);
    }
    Correlation c = capture.requireCorrelated(traceId);
    assertThat(c.spans()).extracting(s -> s.getName()).containsExactly("checkout");
    assertThat(c.logLines()).extracting(l -> l.field("body")).containsExactly("placing order");
    assertThat(c.exemplars()).isNotEmpty().allSatisfy(e -> assertThat(e.metric()).isEqualTo("checkout_latency_seconds_bucket"));
    assertThat(Observa.global()).isSameAs(obs);
  }

  @Test
  void aTraceWithoutLogLinesOrExemplarsFailsNamingWhatIsMissing(ObservaCapture capture) {
    String traceId;
    try (ActiveSpan span = capture.observa().span("quiet").startActive()) {
      traceId = span.context().traceId();
    }
    assertThatThrownBy(() -> capture.requireCorrelated(traceId)).isInstanceOf(AssertionError.class)
        .hasMessageContaining(traceId).hasMessageContaining("no log line").hasMessageContaining("no exemplar")
        .hasMessageNotContaining("no ended span");
  }

  @Test
  void closingDetachesTheLogCaptureAndTheGlobalObserva() {
    ObservaCapture capture = ObservaCapture.start(b -> b.serviceName("closing"));
    LoggerFactory.getLogger("t").info("captured");
    capture.close();
    LoggerFactory.getLogger("t").info("not captured");
    assertThat(capture.logLines()).extracting(l -> l.field("body")).containsExactly("captured");
    assertThat(Observa.global()).isNotSameAs(capture.observa());
  }
}
