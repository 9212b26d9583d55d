package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.Observa;
import dev.observa.meter.GoldenSignals;
import dev.observa.metrics.slo.BurnRateWindows;
import dev.observa.metrics.slo.Slo;
import dev.observa.metrics.slo.SloRules;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated SLO rules in a real Prometheus scraping a live endpoint with injected errors: the fast
 * burn alert goes pending, then firing (windows scaled down 30 times so it takes seconds, not hours).
 */
class SloAlertingIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void fastBurnAlertGoesPendingThenFiring(@TempDir Path dir) throws Exception {
    Path binary = ExternalTool.require("/usr/bin/prometheus");
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    AtomicBoolean driving = new AtomicBoolean(true);
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();
         MetricsHttpServer server = MetricsHttpServer.builder(prometheus).host("127.0.0.1").port(0).start()) {
      GoldenSignals checkout = obs.goldenSignals("checkout").register();
      Thread traffic = new Thread(() -> {
        for (int i = 0; driving.get() && i < 10_000_000; i++) {
          checkout.record(Duration.ofMillis(5), i % 3 == 0 ? new IllegalStateException("injected") : null);
          if (i % 100 == 0) {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              return;
            }
          }
        }
      }, "traffic");
      traffic.start();

      Slo slo = Slo.builder("checkout-availability").service("checkout").operation("checkout").availability()
          .objective(99.9).window("30d").build();
      SloRules.requireOperations(List.of(slo), prometheus);
      Files.writeString(dir.resolve("rules.yml"),
          SloRules.withWindows(BurnRateWindows.standard().scaledDown(30)).render(List.of(slo)));
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
          "--storage.tsdb.path=data", "--web.listen-address=127.0.0.1:" + port)
          .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      Set<String> states = new LinkedHashSet<>();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && !states.contains("firing")) {
          Thread.sleep(250);
          try {
            JsonNode alerts = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/alerts")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("data").path("alerts");
            for (JsonNode alert : alerts) {
              if ("page".equals(alert.path("labels").path("severity").asText())
                  && "2m".equals(alert.path("labels").path("long_window").asText())) {
                states.add(alert.path("state").asText());
              }
            }
          } catch (java.io.IOException notUpYet) {
            // Prometheus is still starting
          }
        }
        assertThat(states).as(Files.readString(dir.resolve("prometheus.log"))).containsExactly("pending", "firing");
      } finally {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      driving.set(false);
    }
  }
}
