package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.observa.Observa;
import dev.observa.metrics.PrometheusMetrics;
import dev.observa.tracing.internal.SpanCounters;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A refusing, failing or hanging collector never blocks callers; what is lost is counted. */
class ExporterFailureTest {

  private static Observa observa(PrometheusMetrics metrics, String endpoint, int queueSize) {
    return Observa.builder().noDiscovery().metrics(metrics)
        .tracing(OtelTracing.builder().exporters("otlp").otlpEndpoint(endpoint)
            .queueSize(queueSize).shutdownTimeout(Duration.ofSeconds(1)).build())
        .build();
  }

  private static void startSpans(Observa obs, int count) {
    for (int i = 0; i < count; i++) {
      obs.span("work").start().end();
    }
  }

  @Test
  void aHangingCollectorNeverBlocksCallersAndQueueOverflowIsCounted() throws Exception {
    try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      PrometheusMetrics metrics = PrometheusMetrics.create();
      Observa obs = observa(metrics, "http://127.0.0.1:" + hanging.getLocalPort() + "/v1/traces", 8);
      // liveness, not speed: if a span end waited for the collector this would never return
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> startSpans(obs, 5_000));
      SpanCounters counters = obs.unwrap(SpanCounters.class);
      assertThat(counters.started()).isEqualTo(5_000);
      assertThat(counters.ended()).isEqualTo(5_000);
      assertThat(counters.droppedQueueFull()).isGreaterThan(4_000);
      String text = metrics.scrape("text/plain").body();
      assertThat(text).contains("observa_spans_started_total 5000.0\n", "observa_spans_ended_total 5000.0\n")
          .containsPattern("observa_spans_dropped_total\\{reason=\"queue_full\"} [1-9]");
      assertTimeoutPreemptively(Duration.ofSeconds(60), obs::close);
    }
  }

  @Test
  void aRefusingOrFailingCollectorCountsExportFailures() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpServer failing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    failing.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    failing.start();
    try {
      for (String endpoint : new String[] {"http://127.0.0.1:" + closedPort + "/v1/traces",
          "http://127.0.0.1:" + failing.getAddress().getPort() + "/v1/traces"}) {
        try (Observa obs = observa(PrometheusMetrics.create(), endpoint, 2048)) {
          startSpans(obs, 10);
          obs.unwrap(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
          SpanCounters counters = obs.unwrap(SpanCounters.class);
          assertThat(counters.exportFailed()).as(endpoint).isEqualTo(10);
          assertThat(counters.exported()).isZero();
        }
      }
    } finally {
      failing.stop(0);
    }
  }

  @Test
  void aWorkingCollectorReceivesTheSpansAndTheyAreCountedAsExported() throws Exception {
    HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    java.util.concurrent.atomic.AtomicReference<String> tenant = new java.util.concurrent.atomic.AtomicReference<>();
    collector.createContext("/", exchange -> {
      tenant.set(exchange.getRequestHeaders().getFirst("X-Scope-OrgID"));
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    collector.start();
    try (OtelSystemProperties env = OtelSystemProperties.set(
            "otel.traces.exporter", "otlp",
            "otel.exporter.otlp.endpoint", "http://127.0.0.1:" + collector.getAddress().getPort(),
            "otel.exporter.otlp.headers", "X-Scope-OrgID=acme");
        Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.builder().build()).build()) {
      startSpans(obs, 3);
      obs.unwrap(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
      assertThat(obs.unwrap(SpanCounters.class).exported()).isEqualTo(3);
      assertThat(tenant.get()).isEqualTo("acme");
    } finally {
      collector.stop(0);
    }
  }
}
