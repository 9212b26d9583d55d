package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.Observa;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OpenTelemetry's environment variable specification, "Enum": "Enum values SHOULD be interpreted in a
 * case-insensitive manner." Observa reads its names so from the builder, {@code observa.*} and {@code OTEL_*}.
 */
@Timeout(60)
class CaseInsensitiveNamesTest {

  @Test
  void builderNamesInAnyCaseAreTheLowerCaseNames() {
    try (Observa obs = Observa.builder().noDiscovery()
        .tracing(OtelTracing.builder().exporters("NONE").propagators("TraceContext", "BAGGAGE").otlpProtocol("GRPC")
            .build()).build()) {
      TracingDescription description = obs.unwrap(TracingDescription.class);
      assertThat(description.propagators()).containsExactly("tracecontext", "baggage");
      assertThat(description.exporters()).isEmpty();
    }
  }

  @Test
  void observaPropertiesInAnyCaseAreAccepted() {
    try (Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.builder().properties(Map.of(
        "observa.tracing.exporters", "Console", "observa.tracing.propagators", "B3Multi",
        "observa.tracing.inbound-sampling", "Rate-Limit", "observa.tracing.sdk-disabled", "FALSE")).build()).build()) {
      TracingDescription description = obs.unwrap(TracingDescription.class);
      assertThat(description.exporters()).containsExactly("console");
      assertThat(description.propagators()).containsExactly("b3multi");
    }
  }

  @Test
  void otelVariablesInAnyCaseReachTheSdkInLowerCase() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.traces.exporter", "CONSOLE");
        Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.create()).build()) {
      assertThat(obs.unwrap(TracingDescription.class).exporters()).containsExactly("console");
    }
  }

  @Test
  void anUnknownNameIsStillRejectedNamingTheValue() {
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder().exporters("Carrier-Pigeon"))
        .withMessageContaining("'Carrier-Pigeon'").withMessageContaining("otlp, console");
  }
}
