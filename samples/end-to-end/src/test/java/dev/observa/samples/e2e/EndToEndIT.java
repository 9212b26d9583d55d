package dev.observa.samples.e2e;

import static dev.observa.samples.e2e.Backends.await;
import static dev.observa.samples.e2e.Backends.get;
import static dev.observa.samples.e2e.Backends.healthy;
import static dev.observa.samples.e2e.Backends.json;
import static dev.observa.samples.e2e.Backends.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three signals meeting in real backends, all on loopback: a Zipkin server (in memory) receives the
 * hello-world sample's spans; a Prometheus with exemplar storage scrapes hello-world, formatter, publisher
 * and rpc-metrics over OpenMetrics. Requests are driven (some failing), then the backends are asked through
 * their HTTP APIs.
 */
class EndToEndIT {

  @Test
  void tracesMetricsExemplarsAndLogsMeetInZipkinAndPrometheus(@TempDir Path dir) throws Exception {
    Path prometheusBinary = Backends.requireTool("/usr/bin/prometheus");
    Path zipkinJar = Backends.requireFile("zipkin.jar");
    Path helloJar = Backends.requireFile("hello.jar");
    Path rpcJar = Backends.requireFile("rpc.jar");
    String java = ProcessHandle.current().info().command().orElse("java");
    try (Backends backends = new Backends()) {
      int zipkin = Backends.freePort();
      backends.start(dir.resolve("zipkin.log"), List.of(java, "-Xmx256m", "-jar", zipkinJar.toString()),
          "QUERY_PORT", String.valueOf(zipkin), "SELF_TRACING_ENABLED", "false");
      int hello = Backends.freeTriple();
      Path helloLog = dir.resolve("hello-world.log");
      backends.start(helloLog, List.of(java, "-jar", helloJar.toString(), "--server.port=" + hello,
          "--observa.tracing.exporters=zipkin",
          "--observa.tracing.zipkin-endpoint=http://127.0.0.1:" + zipkin + "/api/v2/spans"));
      int rpc = Backends.freePort();
      backends.start(dir.resolve("rpc.log"), List.of(java, "-jar", rpcJar.toString(), "--port", String.valueOf(rpc)));
      int prometheus = Backends.freePort();
      Files.writeString(dir.resolve("prometheus.yml"), String.join("\n",
          "global:",
          "  scrape_interval: 1s",
          "scrape_configs:",
          "  - job_name: hello-world",
          "    metrics_path: /actuator/prometheus",
          "    static_configs: [{targets: ['127.0.0.1:" + hello + "']}]",
          "  - job_name: formatter",
          "    metrics_path: /actuator/prometheus",
          "    static_configs: [{targets: ['127.0.0.1:" + (hello + 1) + "']}]",
          "  - job_name: publisher",
          "    metrics_path: /actuator/prometheus",
          "    static_configs: [{targets: ['127.0.0.1:" + (hello + 2) + "']}]",
          "  - job_name: rpc-metrics",
          "    static_configs: [{targets: ['127.0.0.1:" + rpc + "']}]",
          ""));
      backends.start(dir.resolve("prometheus.log"), List.of(prometheusBinary.toString(),
          "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("tsdb"),
          "--web.listen-address=127.0.0.1:" + prometheus, "--enable-feature=exemplar-storage"));

      String helloUrl = "http://127.0.0.1:" + hello;
      assertThat(await(180, () -> healthy("http://127.0.0.1:" + zipkin + "/health")
          && healthy(helloUrl + "/actuator/health") && healthy("http://127.0.0.1:" + (hello + 1) + "/actuator/health")
          && healthy("http://127.0.0.1:" + (hello + 2) + "/actuator/health")
          && healthy("http://127.0.0.1:" + rpc + "/metrics")
          && healthy("http://127.0.0.1:" + prometheus + "/-/ready")))
          .as("all services up; hello-world log:\n%s", Files.readString(helloLog)).isTrue();

      // drive: 30 good requests, 5 without a name (400), then 10 with the publisher down (503)
      List<String> goodTraces = new ArrayList<>();
      long clientNanos = 0;
      for (int i = 0; i < 30; i++) {
        long start = System.nanoTime();
        HttpResponse<String> response = get(helloUrl + "/hello?name=Bryan" + i + "&greeting=Bonjour");
        clientNanos += System.nanoTime() - start;
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("Bonjour, Bryan" + i + "!");
        goodTraces.add(response.headers().firstValue("traceresponse").orElseThrow().split("-")[1]);
        Thread.sleep(100); // spread the traffic over several 1 s scrapes, as real traffic would be
      }
      for (int i = 0; i < 5; i++) {
        assertThat(get(helloUrl + "/hello").statusCode()).isEqualTo(400);
      }
      ProcessHandle publisher = ProcessHandle.allProcesses()
          .filter(p -> p.info().commandLine().orElse("").contains("--server.port=" + (hello + 2))).findFirst().orElseThrow();
      publisher.destroy();
      publisher.onExit().get(30, TimeUnit.SECONDS);
      // Prometheus computes rate() from the first sample it sees, so let it see the error series once before
      // the rest of the failures (a series born at a non-zero value loses its first increments)
      assertThat(get(helloUrl + "/hello?name=Late").statusCode()).isEqualTo(503);
      assertThat(await(60, () -> query(prometheus, "sum(http_server_request_duration_seconds_count{job=\"hello-world\","
          + "http_route=\"/hello\",error_type!=\"\"})") == 1)).isTrue();
      for (int i = 0; i < 9; i++) {
        assertThat(get(helloUrl + "/hello?name=Late" + i).statusCode()).isEqualTo(503);
        Thread.sleep(300);
      }

      // Zipkin holds the trace with the three services and the seed's span tree
      String traceId = goodTraces.get(0);
      String zipkinApi = "http://127.0.0.1:" + zipkin + "/api/v2/";
      assertThat(await(60, () -> json(zipkinApi + "trace/" + traceId).size() >= 8))
          .as("zipkin received the trace").isTrue();
      JsonNode spans = json(zipkinApi + "trace/" + traceId);
      Map<String, Integer> perService = new HashMap<>();
      Map<String, JsonNode> byName = new HashMap<>();
      for (JsonNode span : spans) {
        perService.merge(span.path("localEndpoint").path("serviceName").asText(), 1, Integer::sum);
        byName.putIfAbsent(span.path("name").asText().toLowerCase(Locale.ROOT), span);
      }
      assertThat(perService).containsEntry("hello-world", 6).containsEntry("formatter", 1).containsEntry("publisher", 1);
      JsonNode sayHello = byName.get("say-hello");
      assertThat(sayHello.path("tags").path("hello-to").asText()).isEqualTo("Bryan0");
      assertThat(byName.get("formatstring").path("parentId").asText()).isEqualTo(sayHello.path("id").asText());
      assertThat(byName.get("printhello").path("parentId").asText()).isEqualTo(sayHello.path("id").asText());
      assertThat(byName.get("get /format").path("localEndpoint").path("serviceName").asText()).isEqualTo("formatter");
      assertThat(json(zipkinApi + "services").toString()).contains("hello-world", "formatter", "publisher");

      // Prometheus: targets up (the publisher was stopped on purpose), and the seed's PromQL answers match
      assertThat(await(60, () -> query(prometheus, "sum(up{job=~\"hello-world|formatter|rpc-metrics\"})") == 3
          && query(prometheus, "up{job=\"publisher\"}") == 0
          && query(prometheus, "sum(http_server_request_duration_seconds_count{job=\"hello-world\",http_route=\"/hello\"})") == 45))
          .as("prometheus scraped every request").isTrue();
      String route = "job=\"hello-world\",http_route=\"/hello\"";
      double errorRatio = query(prometheus, "sum(rate(http_server_request_duration_seconds_count{" + route + ",error_type!=\"\"}[5m]))"
          + " / sum(rate(http_server_request_duration_seconds_count{" + route + "}[5m]))");
      // rate() extrapolates each series to the window's edges, so over a short burst the ratio of rates only
      // approximates the ratio of counts; the counts themselves must be exact
      assertThat(errorRatio).as("error ratio of 10 failures in 45 requests").isCloseTo(10.0 / 45, within(0.15));
      assertThat(query(prometheus, "sum(http_server_request_duration_seconds_count{" + route + ",error_type!=\"\"})")).isEqualTo(10);
      assertThat(query(prometheus, "sum(http_server_request_duration_seconds_count{" + route + ",error_type!=\"\"})")
          / query(prometheus, "sum(http_server_request_duration_seconds_count{" + route + "})")).isCloseTo(10.0 / 45, within(1e-9));
      double mean = query(prometheus, "sum(rate(http_server_request_duration_seconds_sum{" + route + "}[5m]))"
          + " / sum(rate(http_server_request_duration_seconds_count{" + route + "}[5m]))");
      double clientMean = clientNanos / 30 / 1e9;
      assertThat(mean).as("server-side mean latency").isPositive().isLessThan(Math.max(1.0, clientMean * 5));
      double withinSlo = query(prometheus, "sum(rate(http_server_request_duration_seconds_bucket{le=\"0.1\"," + route + "}[5m])) by (job)"
          + " / sum(rate(http_server_request_duration_seconds_count{" + route + "}[5m])) by (job)");
      double bucketRatio = query(prometheus, "sum(http_server_request_duration_seconds_bucket{le=\"0.1\"," + route + "})")
          / query(prometheus, "sum(http_server_request_duration_seconds_count{" + route + "})");
      assertThat(withinSlo).as("latency SLO ratio by job").isBetween(0.0, 1.0).isCloseTo(bucketRatio, within(0.15));
      assertThat(query(prometheus, "up{job=\"rpc-metrics\"}")).isEqualTo(1);
      System.out.printf("PromQL answers: error ratio %.4f, mean latency %.4f s (client saw %.4f s), within 0.1 s %.4f%n",
          errorRatio, mean, clientMean, withinSlo);
      System.out.println("Zipkin trace " + traceId + ": " + perService);

      // exemplars in Prometheus point at traces Zipkin knows, and at lines in the services' logs
      long now = System.currentTimeMillis() / 1000;
      JsonNode exemplars = json("http://127.0.0.1:" + prometheus + "/api/v1/query_exemplars?query="
          + URLEncoder.encode("http_server_request_duration_seconds_bucket{" + route + "}", StandardCharsets.UTF_8)
          + "&start=" + (now - 600) + "&end=" + (now + 60)).path("data");
      Set<String> exemplarTraces = new HashSet<>();
      exemplars.forEach(series -> series.path("exemplars")
          .forEach(e -> exemplarTraces.add(e.path("labels").path("trace_id").asText())));
      assertThat(exemplarTraces).isNotEmpty();
      String known = exemplarTraces.stream().filter(goodTraces::contains).findFirst().orElseThrow();
      assertThat(get(zipkinApi + "trace/" + known).statusCode()).isEqualTo(200);
      assertThat(Backends.jsonLines(helloLog, line -> line.startsWith("{")))
          .anySatisfy(line -> assertThat(line.path("trace_id").asText()).isEqualTo(known));
      assertThat(json("http://127.0.0.1:" + prometheus + "/api/v1/query_exemplars?query="
          + URLEncoder.encode("rpc_durations_histogram_seconds_bucket", StandardCharsets.UTF_8)
          + "&start=" + (now - 600) + "&end=" + (now + 60)).path("data")).isNotEmpty();

      // every line the three services wrote is one JSON object, and the good trace is in all three
      List<JsonNode> lines = Backends.jsonLines(helloLog, line -> true);
      Set<String> services = new HashSet<>();
      lines.stream().filter(l -> l.path("trace_id").asText().equals(traceId))
          .forEach(l -> services.add(l.path("service.name").asText()));
      assertThat(services).containsExactlyInAnyOrder("hello-world", "formatter", "publisher");
    }
  }
}
