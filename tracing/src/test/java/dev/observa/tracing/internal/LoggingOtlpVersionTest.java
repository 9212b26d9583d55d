package dev.observa.tracing.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/**
 * {@code logging-otlp} at another version than the SDK's fails at configuration: the last published exporter
 * (1.63.0) throws {@code NoSuchMethodError} on every export beside the 1.68 SDK (seen in the drift check).
 */
class LoggingOtlpVersionTest {
  @Test
  void theSdksOwnVersionOrAnUnknownOneIsAccepted() {
    assertThatCode(() -> OtelOverrides.checkLoggingOtlp("1.62.0", "1.62.0")).doesNotThrowAnyException();
    assertThatCode(() -> OtelOverrides.checkLoggingOtlp(null, "1.62.0")).doesNotThrowAnyException();
    assertThatCode(() -> OtelOverrides.checkLoggingOtlp("1.62.0", null)).doesNotThrowAnyException();
  }

  @Test
  void anotherVersionFailsNamingTheArtifactAndBothVersions() {
    assertThatIllegalArgumentException().isThrownBy(() -> OtelOverrides.checkLoggingOtlp("1.68.0", "1.63.0"))
        .withMessageContaining("io.opentelemetry:opentelemetry-exporter-logging-otlp:1.68.0")
        .withMessageContaining("1.63.0 is on the classpath");
  }

  @Test
  void aMissingExporterFailsNamingTheArtifact() {
    assertThatIllegalArgumentException().isThrownBy(() -> OtelOverrides.checkLoggingOtlp("1.62.0", "absent"))
        .withMessageContaining("needs io.opentelemetry:opentelemetry-exporter-logging-otlp on the classpath");
  }
}
