package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.sun.net.httpserver.HttpServer;
import dev.observa.Observa;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** OTLP/HTTP metric export to a real HTTP listener on loopback. */
class OtlpMetricsExportTest {
  record Request(String path, String orgId, String body) {}

  @Test
  void pushesMetricsWithTheTenantHeader() throws Exception {
    BlockingQueue<Request> requests = new ArrayBlockingQueue<>(100);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.offer(new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Scope-OrgID"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1)));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build()) {
      obs.counter("orders.placed").register().increment();
      try (OtlpMetricsExport export = OtlpMetricsExport.builder(prometheus)
          .endpoint("http://127.0.0.1:" + server.getAddress().getPort())
          .header("X-Scope-OrgID", "acme").interval(Duration.ofSeconds(1)).serviceName("shop").start()) {
        Request request = requests.poll(30, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.path()).isEqualTo("/v1/metrics");
        assertThat(request.orgId()).isEqualTo("acme");
        assertThat(request.body()).contains("orders_placed").contains("shop");
        // only the registry's metrics: not the SDK's own reader and exporter instruments
        assertThat(request.body()).doesNotContain("otel.sdk.").doesNotContain("otlp.exporter.");
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void otelVariablesConfigureTheExportAndBuilderCallsWinOverThem() throws Exception {
    record Headers(String path, String orgId, String team) {}
    BlockingQueue<Headers> requests = new ArrayBlockingQueue<>(100);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      requests.offer(new Headers(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Scope-OrgID"),
          exchange.getRequestHeaders().getFirst("X-Team")));
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    // the otel.* system properties are read by OpenTelemetry's autoconfigure exactly like the OTEL_* variables
    java.util.Map<String, String> properties = java.util.Map.of(
        "otel.exporter.otlp.metrics.endpoint", "http://127.0.0.1:" + server.getAddress().getPort() + "/custom/metrics",
        "otel.exporter.otlp.metrics.headers", "X-Scope-OrgID=globex,X-Team=payments",
        "otel.metric.export.interval", "1000");
    properties.forEach(System::setProperty);
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    // a meter to export: the SDK's reader skips empty exports (OpenTelemetry 1.62 filled them with its own
    // reader metrics, 1.68 does not, and Observa drops those on every line)
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();
        OtlpMetricsExport export = OtlpMetricsExport.builder(prometheus).header("X-Scope-OrgID", "acme").start()) {
      obs.counter("orders.placed").register().increment();
      Headers request = requests.poll(30, TimeUnit.SECONDS);
      assertThat(request).isNotNull();
      assertThat(request.path()).isEqualTo("/custom/metrics");
      assertThat(request.orgId()).isEqualTo("acme");
      assertThat(request.team()).isEqualTo("payments");   // the variable's other header is kept
    } finally {
      properties.keySet().forEach(System::clearProperty);
      server.stop(0);
    }
  }

  @Test
  void otelConfigFileFailsFastNamingTheMissingArtifact() {
    System.setProperty("otel.config.file", "/etc/otel/sdk.yaml");
    try {
      assertThatIllegalArgumentException().isThrownBy(() -> OtlpMetricsExport.builder(PrometheusMetrics.create()).start())
          .withMessageContaining("OTEL_CONFIG_FILE").withMessageContaining("/etc/otel/sdk.yaml")
          .withMessageContaining("io.opentelemetry:opentelemetry-sdk-extension-declarative-config");
    } finally {
      System.clearProperty("otel.config.file");
    }
  }

  @Test
  void rejectsBadSettings() {
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    assertThatIllegalArgumentException().isThrownBy(() -> OtlpMetricsExport.builder(prometheus).endpoint("mimir:4318"));
    assertThatIllegalArgumentException().isThrownBy(() -> OtlpMetricsExport.builder(prometheus).protocol("udp"));
    assertThatIllegalArgumentException().isThrownBy(() -> OtlpMetricsExport.builder(prometheus).interval(Duration.ZERO));
  }
}
