package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which {@code OTEL_*} variables Spring Boot 4.1's OpenTelemetry SDK ignores (read from Boot 4.1.2's
 * {@code OpenTelemetryEnvironmentVariableEnvironmentPostProcessor}: its exporter mapping is
 * {@code management.tracing.export.otlp.enabled = value contains "otlp"}).
 */
class BootOtelVariablesTest {
  @Test
  void consoleTracesExporterIsReportedBecauseBootStartsOnlyOtlp() {
    assertThat(BootOtelVariables.ignored(Map.of("OTEL_TRACES_EXPORTER", "console"), true))
        .singleElement().asString().startsWith("OTEL_TRACES_EXPORTER (Boot's SDK starts only otlp");
    assertThat(BootOtelVariables.ignored(Map.of("OTEL_TRACES_EXPORTER", "otlp,console"), true))
        .singleElement().asString().startsWith("OTEL_TRACES_EXPORTER");
  }

  @Test
  void variablesBootMapsAreNotReported() {
    assertThat(BootOtelVariables.ignored(Map.of("OTEL_TRACES_EXPORTER", "otlp", "OTEL_LOGS_EXPORTER", "none",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318", "OTEL_SERVICE_NAME", "orders",
        "OTEL_BSP_MAX_QUEUE_SIZE", "4096", "PATH", "/usr/bin"), true)).isEmpty();
  }

  @Test
  void variablesOnlyTheSdkAutoconfigureReadsAreReportedByNameOnly() {
    assertThat(BootOtelVariables.ignored(Map.of("OTEL_EXPORTER_ZIPKIN_ENDPOINT", "http://secret-host:9411",
        "OTEL_METRIC_EXPORT_TIMEOUT", "5000"), true))
        .containsExactly("OTEL_EXPORTER_ZIPKIN_ENDPOINT", "OTEL_METRIC_EXPORT_TIMEOUT");
  }

  @Test
  void everyMappedVariableIsIgnoredWhenBootsMappingIsOffExceptTheResourceOnes() {
    assertThat(BootOtelVariables.ignored(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
        "OTEL_SERVICE_NAME", "orders"), false))
        .containsExactly("OTEL_EXPORTER_OTLP_ENDPOINT (management.opentelemetry.map-environment-variables=false)");
  }

  @Test
  void honouredAndIgnoredListsDoNotOverlap() {
    assertThat(BootOtelVariables.IGNORED).doesNotContainAnyElementsOf(BootOtelVariables.HONOURED);
  }
}
