package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.Observa;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import dev.observa.http.HttpServerMetrics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden-signal queries README's "HTTP metrics" section documents, read from the README itself and run by a
 * real Prometheus against the HTTP server metrics: 10 requests in each batch, 8 × 200 and 1 × 404 at 40 ms,
 * 1 × 503 at 500 ms, and 2 requests in flight.
 */
@Timeout(120)
class HttpGoldenSignalsPromqlIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** The commented queries of the README's HTTP metrics block: comment → query on one line. */
  static Map<String, String> documentedQueries() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String section = readme.substring(readme.indexOf("### HTTP metrics"));
    String block = section.substring(section.indexOf("```promql\n") + 10, section.indexOf("\n```", section.indexOf("```promql")));
    Map<String, String> queries = new LinkedHashMap<>();
    String name = null;
    for (String line : block.split("\n")) {
      if (line.startsWith("# ")) {
        name = line.substring(2).strip();
        queries.put(name, "");
      } else {
        queries.merge(name, line.strip(), (a, b) -> (a + " " + b).strip());
      }
    }
    return queries;
  }

  private JsonNode query(String api, String promql) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api + "query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(5)).build();
    return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("data").path("result");
  }

  private static void serve(HttpServerMetrics metrics, String route, int status, long millis) {
    HttpExchange exchange = HttpExchange.server(HttpMethods.defaults(), "GET", "http").route(route).status(status);
    metrics.started(exchange);
    metrics.finished(exchange, TimeUnit.MILLISECONDS.toNanos(millis));
  }

  @Test
  void theDocumentedGoldenSignalQueriesAnswerOnTheConventionNames(@TempDir Path dir) throws Exception {
    Map<String, String> queries = documentedQueries();
    assertThat(queries).containsKeys("traffic", "error ratio", "error ratio by status class (2xx, 4xx, 5xx)",
        "mean latency", "share of requests within 0.1 s", "saturation");
    Path binary = ExternalTool.require("/usr/bin/prometheus");
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();
         MetricsHttpServer server = MetricsHttpServer.builder(prometheus).host("127.0.0.1").port(0).start()) {
      HttpServerMetrics metrics = new HttpServerMetrics(obs, 1000, null);
      metrics.started(HttpExchange.server(HttpMethods.defaults(), "POST", "http"));
      metrics.started(HttpExchange.server(HttpMethods.defaults(), "POST", "http"));
      int port = ExternalTool.freePort();
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, String.join("\n", "global:", "  scrape_interval: 1s", "scrape_configs:",
          "  - job_name: shop", "    static_configs:", "      - targets: ['127.0.0.1:" + server.port() + "']", ""));
      Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      String api = "http://127.0.0.1:" + port + "/api/v1/";
      try {
        int scrapesWithTraffic = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && scrapesWithTraffic < 8) {
          for (int i = 0; i < 8; i++) {
            serve(metrics, "/orders/{id}", 200, 40);
          }
          serve(metrics, "/orders/{id}", 404, 40);
          serve(metrics, "/orders", 503, 500);
          Thread.sleep(500);
          try {
            JsonNode samples = query(api, "count_over_time(http_server_request_duration_seconds_count{http_response_status_code=\"503\"}[1m])");
            scrapesWithTraffic = samples.size() == 0 ? 0 : samples.get(0).path("value").get(1).asInt();
          } catch (java.io.IOException notUpYet) {
            scrapesWithTraffic = 0;
          }
        }
        assertThat(scrapesWithTraffic).as(Files.readString(dir.resolve("prometheus.log"))).isGreaterThanOrEqualTo(8);

        assertThat(value(query(api, queries.get("traffic")))).isPositive();
        assertThat(value(query(api, queries.get("error ratio")))).isCloseTo(0.1, within(0.02));
        Map<String, Double> byClass = new LinkedHashMap<>();
        query(api, queries.get("error ratio by status class (2xx, 4xx, 5xx)")).forEach(series ->
            byClass.put(series.path("metric").path("class").asText(), series.path("value").get(1).asDouble()));
        assertThat(byClass).containsOnlyKeys("2xx", "4xx", "5xx");
        assertThat(byClass.get("2xx")).isCloseTo(0.8, within(0.02));
        assertThat(byClass.get("4xx")).isCloseTo(0.1, within(0.02));
        assertThat(byClass.get("5xx")).isCloseTo(0.1, within(0.02));
        assertThat(value(query(api, queries.get("mean latency")))).isCloseTo((9 * 0.04 + 0.5) / 10, within(0.01));
        assertThat(value(query(api, queries.get("share of requests within 0.1 s")))).isCloseTo(0.9, within(0.02));
        assertThat(value(query(api, queries.get("saturation")))).isEqualTo(2.0);
      } finally {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** The one sample of a by-(job) answer for job "shop". */
  private static double value(JsonNode result) {
    assertThat(result).as(result.toString()).hasSize(1);
    assertThat(result.get(0).path("metric").path("job").asText()).isEqualTo("shop");
    return result.get(0).path("value").get(1).asDouble();
  }
}
