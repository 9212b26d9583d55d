package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.Observa;
import dev.observa.http.HttpClientMetrics;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import dev.observa.http.HttpServerMetrics;
import dev.observa.meter.GoldenSignals;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exposition judged by the real Prometheus tools: promtool on the text format, the prometheus_client
 * OpenMetrics parser (which passes the OpenMetrics conformance cases) on OpenMetrics, and a real
 * Prometheus 2.42 with exemplar storage scraping the endpoint.
 */
class PrometheusToolsIT {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private MetricsHttpServer server;
  private GoldenSignals checkout;

  @BeforeEach
  void recordEveryKind() throws Exception {
    obs.counter("rpc.requests").description("RPCs served").tag("service", "odd \"quoted\" \\ new\nline é")
        .register().increment();
    obs.gauge("pool.size").register().set(3);
    obs.gauge("queue.depth").observe(() -> 7);
    obs.histogram("payload.size").baseUnit("bytes").exponentialBuckets(64, 4, 6).register().record(1000);
    obs.summary("rpc.durations").baseUnit("seconds").quantile(0.5, 0.05).quantile(0.9, 0.01)
        .quantile(0.99, 0.001).register().record(0.2);
    obs.histogram("rpc.latency.distribution").baseUnit("seconds").linearBuckets(-0.001, 0.0001, 20).register()
        .record(-0.0005);
    checkout = obs.goldenSignals("checkout").register();
    HttpServerMetrics httpServer = new HttpServerMetrics(obs, 1000, null);
    HttpExchange served = HttpExchange.server(HttpMethods.defaults(), "GET", "http").route("/orders/{id}").status(200);
    httpServer.started(served);
    httpServer.finished(served, 42_000_000L);
    new HttpClientMetrics(obs, 1000).record(HttpExchange.client(HttpMethods.defaults(), "GET",
        URI.create("http://inventory:8080/items")).failure(new java.net.ConnectException()), 1_000_000L);
    recordSampled();
    server = MetricsHttpServer.builder(prometheus).host("127.0.0.1").port(0).start();
  }

  private void recordSampled() {
    SpanContext span = SpanContext.create(TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
    try (Scope scope = Span.wrap(span).makeCurrent()) {
      checkout.record(Duration.ofMillis(42), null);
      obs.counter("exemplar.hits").register().increment();
    }
  }

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    obs.close();
  }

  private String get(String url, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private String metricsUrl() {
    return "http://127.0.0.1:" + server.port() + "/metrics";
  }

  @Test
  void textFormatPassesPromtoolCheckMetrics() throws Exception {
    Path promtool = ExternalTool.require("/usr/bin/promtool");
    String text = get(metricsUrl(), null);
    ExternalTool.Result result = ExternalTool.run(List.of(promtool.toString(), "check", "metrics"), text);
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void openMetricsParsesWithThePrometheusClientParserAndCarriesExemplars() throws Exception {
    Path python = ExternalTool.require("/usr/bin/python3");
    String openMetrics = get(metricsUrl(), "application/openmetrics-text; version=1.0.0");
    String script = String.join("\n",
        "import sys",
        "from prometheus_client.openmetrics.parser import text_string_to_metric_families",
        "families = list(text_string_to_metric_families(sys.stdin.read()))",
        "exemplars = [s for f in families for s in f.samples if s.exemplar]",
        "bad = [s.name for s in exemplars if not (s.name.endswith('_bucket') or s.name.endswith('_total'))]",
        "print('families', len(families), 'exemplars', len(exemplars), 'misplaced', bad)",
        "print('trace_ids', sorted({s.exemplar.labels['trace_id'] for s in exemplars}))",
        "sys.exit(1 if bad or not exemplars else 0)");
    ExternalTool.Result result = ExternalTool.run(List.of(python.toString(), "-c", script), openMetrics);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains(TRACE_ID).contains("misplaced []");
  }

  @Test
  void realPrometheusWithExemplarStorageScrapesTheTargetUpAndStoresExemplars(@TempDir Path dir) throws Exception {
    Path binary = ExternalTool.require("/usr/bin/prometheus");
    int port = ExternalTool.freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, String.join("\n",
        "global:",
        "  scrape_interval: 1s",
        "scrape_configs:",
        "  - job_name: observa",
        "    scrape_interval: 1s",
        "    static_configs:",
        "      - targets: ['127.0.0.1:" + server.port() + "']",
        ""));
    Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
        "--enable-feature=exemplar-storage")
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    String api = "http://127.0.0.1:" + port + "/api/v1/";
    try {
      JsonNode target = null;
      JsonNode exemplars = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (System.nanoTime() < deadline) {
        recordSampled();
        Thread.sleep(500);
        try {
          JsonNode targets = JSON.readTree(get(api + "targets", null)).path("data").path("activeTargets");
          target = targets.size() > 0 ? targets.get(0) : null;
          long now = System.currentTimeMillis() / 1000;
          exemplars = JSON.readTree(get(api + "query_exemplars?query="
              + URLEncoder.encode("checkout_duration_seconds_bucket", StandardCharsets.UTF_8)
              + "&start=" + (now - 300) + "&end=" + (now + 60), null)).path("data");
        } catch (java.io.IOException notUpYet) {
          continue;
        }
        if (target != null && "up".equals(target.path("health").asText()) && exemplars.toString().contains(TRACE_ID)) {
          break;
        }
      }
      assertThat(target).as(Files.readString(dir.resolve("prometheus.log"))).isNotNull();
      assertThat(target.path("health").asText()).as(target.toString()).isEqualTo("up");
      assertThat(target.path("lastError").asText()).isEmpty();
      assertThat(exemplars.toString()).contains(TRACE_ID);
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
