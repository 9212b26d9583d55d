package dev.observa.samples.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.tracing.TracingDescription;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * With {@code spring-boot-starter-opentelemetry}: Observa spans through Boot's OpenTelemetry SDK, Boot's tracing
 * and meter handlers skip what Observa handles, and the recent-trace store is one of Boot's span processors (Boot
 * exports nowhere; {@link BootSdkExportFedRecentTracesIT} exports).
 */
@SpringBootTest(classes = MatrixApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.application.name=matrix", "management.endpoints.web.exposure.include=health,prometheus,traces",
        "management.tracing.sampling.probability=1.0", "observa.tracing.recent-traces=1000"})
class BootOpenTelemetryIT extends OneInstrumentationContract {
  @Autowired
  OpenTelemetry openTelemetry;

  @Autowired
  Tracer micrometerTracer;

  @Test
  void observaSpansThroughBootsSdkAndBootsTracerSeesObservasSpan() {
    assertThat(observa.unwrap(TracingDescription.class).ownsSdk()).isFalse();
    assertThat(observa.unwrap(OpenTelemetry.class)).isSameAs(openTelemetry);
    // Boot's SDK exports nowhere here: the store keeps every trace as one of its span processors
    assertThat(traces().isEndRequired()).isTrue();
    assertThat(traces().sampleRatio()).isEqualTo(1.0);
    try (var span = observa.span("probe").startActive()) {
      assertThat(micrometerTracer.currentSpan()).isNotNull();
      assertThat(micrometerTracer.currentSpan().context().traceId()).isEqualTo(span.context().traceId());
    }
  }
}
