package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.Observa;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentConfigTest {
  private static Observa withEnv(Map<String, String> env) {
    return Observa.builder().noDiscovery().serviceName("svc")
        .tracing(OtelTracing.builder().environment(env).build()).build();
  }

  @Test
  void samplerVariablesAreHonoured() {
    try (Observa obs = withEnv(Map.of("OTEL_TRACES_SAMPLER", "always_off"))) {
      try (ActiveSpan span = obs.span("x").startActive()) {
        assertThat(span.context().isSampled()).isFalse();
      }
    }
    try (Observa obs = withEnv(Map.of("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "1.0"))) {
      try (ActiveSpan span = obs.span("x").startActive()) {
        assertThat(span.context().isSampled()).isTrue();
      }
    }
  }

  @Test
  void resourceAttributesComeFromTheEnvironmentAndTheServiceNameFromSettings() {
    try (Observa obs = withEnv(Map.of("OTEL_RESOURCE_ATTRIBUTES", "team=payments,service.name=ignored,k8s.pod.name=p%2D1"))) {
      String traceId;
      try (ActiveSpan span = obs.span("x").startActive()) {
        traceId = span.context().traceId();
      }
      SpanData data = obs.unwrap(RecentTraces.class).trace(traceId).get(0);
      assertThat(data.getResource().getAttribute(AttributeKey.stringKey("team"))).isEqualTo("payments");
      assertThat(data.getResource().getAttribute(AttributeKey.stringKey("k8s.pod.name"))).isEqualTo("p-1");
      assertThat(data.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("svc");
    }
  }

  @Test
  void invalidValuesFailNamingTheVariable() {
    assertThatIllegalArgumentException().isThrownBy(() -> withEnv(Map.of("OTEL_TRACES_SAMPLER", "sometimes")))
        .withMessageContaining("OTEL_TRACES_SAMPLER").withMessageContaining("'sometimes'");
    assertThatIllegalArgumentException().isThrownBy(() -> withEnv(Map.of("OTEL_TRACES_SAMPLER", "traceidratio",
        "OTEL_TRACES_SAMPLER_ARG", "1.5"))).withMessageContaining("OTEL_TRACES_SAMPLER_ARG");
    assertThatIllegalArgumentException().isThrownBy(() -> withEnv(Map.of("OTEL_TRACES_EXPORTER", "carrier-pigeon")))
        .withMessageContaining("'carrier-pigeon'");
    assertThatIllegalArgumentException().isThrownBy(() -> withEnv(Map.of("OTEL_TRACES_EXPORTER", "otlp",
        "OTEL_EXPORTER_OTLP_PROTOCOL", "http/json"))).withMessageContaining("OTEL_EXPORTER_OTLP_PROTOCOL");
    assertThatIllegalArgumentException().isThrownBy(() -> withEnv(Map.of("OTEL_RESOURCE_ATTRIBUTES", "novalue")))
        .withMessageContaining("OTEL_RESOURCE_ATTRIBUTES");
  }
}
