package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.Observa;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code OTEL_CONFIG_FILE} (declarative configuration) needs OpenTelemetry's declarative-config artifact,
 * which is not available on Observa's line: setting it fails at start-up, naming the artifact, instead of
 * being ignored.
 */
@Timeout(60)
class DeclarativeConfigFileTest {
  @Test
  void otelConfigFileFailsFastNamingTheMissingArtifact(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("otel.yaml"), "file_format: \"1.0\"\nresource:\n  attributes:\n"
        + "    - name: service.name\n      value: from-file\n");
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.config.file", file.toString())) {
      assertThatIllegalArgumentException().isThrownBy(() -> {
        try (Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.create()).build()) {
          obs.span("never").start().end();
        }
      }).withMessageContaining("OTEL_CONFIG_FILE").withMessageContaining(file.toString())
          .withMessageContaining("io.opentelemetry:opentelemetry-sdk-extension-declarative-config");
    }
  }
}
