package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.Observa;
import dev.observa.meter.Gauge;
import dev.observa.meter.GoldenSignals;
import dev.observa.meter.Timer;
import dev.observa.metrics.slo.BurnRateWindows;
import dev.observa.metrics.slo.OperationMetrics;
import dev.observa.metrics.slo.Slo;
import dev.observa.metrics.slo.SloDashboards;
import dev.observa.metrics.slo.SloRules;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of every generated panel, with Grafana's {@code $__rate_interval} substituted, returns at least
 * one series from Debian's Prometheus scraping a live endpoint every second with golden-signal traffic and
 * HTTP server traffic in OpenTelemetry's metric shape (errors and slow requests included) and evaluating the generated SLO rules (windows scaled down 60 times).
 */
class SloDashboardsPrometheusIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @Timeout(240)
  void everyPanelQueryReturnsASeries(@TempDir Path dir) throws Exception {
    Path binary = ExternalTool.require("/usr/bin/prometheus");
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    AtomicBoolean driving = new AtomicBoolean(true);
    Thread traffic = null;
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();
         MetricsHttpServer server = MetricsHttpServer.builder(prometheus).host("127.0.0.1").port(0).start()) {
      GoldenSignals checkout = obs.goldenSignals("checkout").register();
      // the shape of OpenTelemetry's http.server.request.duration; error_type only on 5xx, as the conventions say
      Timer ok = httpServer(obs, "200", "");
      Timer failed = httpServer(obs, "503", "503");
      Timer missing = httpServer(obs, "404", "");
      Gauge active = obs.gauge("http.server.active_requests").register();
      active.set(2);
      traffic = new Thread(() -> {
        for (int i = 0; driving.get() && i < 10_000_000; i++) {
          checkout.record(Duration.ofMillis(i % 7 == 0 ? 200 : 5), i % 5 == 0 ? new IllegalStateException("injected") : null);
          (i % 5 == 0 ? failed : i % 3 == 0 ? missing : ok).record(Duration.ofMillis(i % 7 == 0 ? 200 : 5));
          if (i % 50 == 0) {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              return;
            }
          }
        }
      }, "traffic");
      traffic.start();

      BurnRateWindows windows = BurnRateWindows.standard().scaledDown(60);
      List<Slo> slos = List.of(
          Slo.builder("checkout-availability").service("checkout").operation("checkout").availability().objective(99.9).build(),
          Slo.builder("checkout-latency").service("checkout").operation("checkout").latency(0.1).objective(99).build(),
          Slo.builder("http-availability").service("checkout").operation(OperationMetrics.HTTP_SERVER).availability()
              .objective(99.9).build());
      SloRules.requireOperations(slos, prometheus);
      Files.writeString(dir.resolve("rules.yml"), SloRules.withWindows(windows).render(slos));
      String dashboard = SloDashboards.builder().windows(windows).build().render(slos).get("checkout.json");
      Map<String, String> queries = new LinkedHashMap<>();
      for (JsonNode panel : JSON.readTree(dashboard).path("panels")) {
        for (JsonNode target : panel.path("targets")) {
          queries.put(panel.path("title").asText() + " / " + target.path("refId").asText(),
              target.path("expr").asText().replace("$__rate_interval", "15s"));
        }
      }
      assertThat(queries).hasSizeGreaterThanOrEqualTo(10);
      Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
          "global:",
          "  scrape_interval: 1s",
          "  evaluation_interval: 1s",
          "rule_files: ['rules.yml']",
          "scrape_configs:",
          "  - job_name: checkout",
          "    static_configs:",
          "      - targets: ['127.0.0.1:" + server.port() + "']",
          ""));
      int port = ExternalTool.freePort();
      Process process = new ProcessBuilder(binary.toString(), "--config.file=prometheus.yml",
          "--storage.tsdb.path=data", "--web.listen-address=127.0.0.1:" + port, "--enable-feature=exemplar-storage")
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      List<String> empty = new ArrayList<>(queries.keySet());
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && !empty.isEmpty()) {
          Thread.sleep(500);
          for (String panel : List.copyOf(empty)) {
            try {
              if (seriesCount(http, port, queries.get(panel)) > 0) {
                empty.remove(panel);
              }
            } catch (java.io.IOException notUpYet) {
              break; // Prometheus is still starting
            }
          }
        }
        assertThat(empty).as("panels whose query returned no series; Prometheus log: %s",
            Files.readString(dir.resolve("prometheus.log"))).isEmpty();
      } finally {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      driving.set(false);
      if (traffic != null) {
        traffic.join(5_000);
      }
    }
  }

  private static Timer httpServer(Observa obs, String status, String errorType) {
    return obs.timer("http.server.request.duration").tag("http.request.method", "GET").tag("http.route", "/cart")
        .tag("http.response.status_code", status).tag("error.type", errorType).register();
  }

  private static int seriesCount(HttpClient http, int port, String expr) throws java.io.IOException {
    try {
      JsonNode answer = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(2))
          .build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(answer.path("status").asText()).as("%s: %s", expr, answer).isEqualTo("success");
      int count = 0;
      for (JsonNode series : answer.path("data").path("result")) {
        count += series.path("value").get(1).asText().equals("NaN") ? 0 : 1;
      }
      return count;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.IOException(e);
    }
  }
}
