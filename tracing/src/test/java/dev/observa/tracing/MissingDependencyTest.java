package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An exporter that needs a dependency the application lacks fails at configuration, naming the artifact.
 * Each case runs in a child JVM whose class path is this module's without the optional jars.
 */
@Timeout(120)
class MissingDependencyTest {

  /** Child JVM entry: builds tracing from the {@code otel.*} system properties and prints what happened. */
  public static void main(String[] args) {
    try (Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.create()).build()) {
      System.out.println("BUILT");
    } catch (IllegalArgumentException e) {
      System.out.println("IllegalArgumentException: " + e.getMessage());
    }
  }

  private static String runWithout(List<String> excluded, String... properties) throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> kept = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (excluded.stream().noneMatch(entry::contains)) {
        kept.add(entry);
      }
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", String.join(File.pathSeparator, kept)));
    command.addAll(List.of(properties));
    command.add(MissingDependencyTest.class.getName());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void grpcWithoutAGrpcSenderFailsNamingTheSendersToAdd() throws Exception {
    String out = runWithout(List.of("okhttp", "grpc-managed-channel", "kotlin"),
        "-Dotel.traces.exporter=otlp", "-Dotel.exporter.otlp.protocol=grpc");
    assertThat(out).contains("IllegalArgumentException: OTLP protocol 'grpc' needs a gRPC sender")
        .contains("opentelemetry-exporter-sender-okhttp").contains("opentelemetry-exporter-sender-grpc-managed-channel");
  }

  @Test
  void httpProtobufNeedsNothingBeyondTheJdkSender() throws Exception {
    String out = runWithout(List.of("okhttp", "grpc-managed-channel", "kotlin"), "-Dotel.traces.exporter=otlp");
    assertThat(out).contains("BUILT");
  }

  @Test
  void loggingOtlpWithoutItsExporterFailsNamingTheArtifact() throws Exception {
    String out = runWithout(List.of("opentelemetry-exporter-logging-otlp"), "-Dotel.traces.exporter=logging-otlp");
    assertThat(out).contains("IllegalArgumentException: Span exporter 'logging-otlp' needs"
        + " io.opentelemetry:opentelemetry-exporter-logging-otlp");
  }

  @Test
  void zipkinWithoutTheZipkinExporterFailsNamingTheArtifact() throws Exception {
    String out = runWithout(List.of("opentelemetry-exporter-zipkin", "zipkin-reporter", "zipkin-sender", "zipkin2"),
        "-Dotel.traces.exporter=zipkin");
    assertThat(out).contains("IllegalArgumentException: Span exporter 'zipkin' needs"
        + " io.opentelemetry:opentelemetry-exporter-zipkin");
  }
}
