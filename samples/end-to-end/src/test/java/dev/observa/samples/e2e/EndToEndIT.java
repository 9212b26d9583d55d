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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three signals meeting in real backends, all on loopback: Jaeger v2 (in-memory storage, tail sampling
 * keeping one trace in ten plus every trace marked {@code exemplar=true}) receives the hello-world sample's
 * spans over OTLP; a Prometheus with exemplar storage scrapes hello-world, formatter, publisher and
 * rpc-metrics over OpenMetrics. Requests are driven (some failing), then the backends are asked through
 * their HTTP APIs.
 */
class EndToEndIT {

  /** Jaeger's tail sampler decides 10 s after a trace's first span; the services export every few seconds. */
  private static final long DECISION_SECONDS = 10 + 6;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void seedDemoOnJaegerWhereEveryExemplarResolvesAndPrometheusAnswersTheSeedQueries(@TempDir Path dir)
      throws Exception {
    Path prometheusBinary = Backends.requireTool("/usr/bin/prometheus");
    Path jaegerBinary = Backends.requireTool(System.getProperty("jaeger.binary", "missing"));
    Path jaegerConfig = Backends.requireFile("jaeger.config.dir").resolve("tail-sampling.yaml");
    Path helloJar = Backends.requireFile("hello.jar");
    Path rpcJar = Backends.requireFile("rpc.jar");
    String java = ProcessHandle.current().info().command().orElse("java");
    try (Backends backends = new Backends()) {
      int otlp = Backends.freePort();
      int query = Backends.freePort();
      Path jaegerLog = dir.resolve("jaeger.log");
      backends.start(jaegerLog, List.of(jaegerBinary.toString(), "--config", jaegerConfig.toString()),
          "JAEGER_OTLP_PORT", String.valueOf(otlp), "JAEGER_QUERY_PORT", String.valueOf(query),
          "JAEGER_QUERY_GRPC_PORT", String.valueOf(Backends.freePort()));
      JaegerQuery jaeger = new JaegerQuery(query);
      int hello = Backends.freeTriple();
      Path helloLog = dir.resolve("hello-world.log");
      // the SDK samples every trace; Jaeger's tail sampler decides which to keep
      backends.start(helloLog, List.of(java, "-jar", helloJar.toString(), "--server.port=" + hello,
          "--observa.tracing.exporters=otlp",
          "--observa.tracing.otlp-endpoint=http://127.0.0.1:" + otlp + "/v1/traces"));
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
      assertThat(await(300, () -> jaeger.ready()
          && healthy(helloUrl + "/actuator/health") && healthy("http://127.0.0.1:" + (hello + 1) + "/actuator/health")
          && healthy("http://127.0.0.1:" + (hello + 2) + "/actuator/health")
          && healthy("http://127.0.0.1:" + rpc + "/metrics")
          && healthy("http://127.0.0.1:" + prometheus + "/-/ready")))
          .as("all services up; hello-world log:\n%s\njaeger log:\n%s", Files.readString(helloLog),
              Files.readString(jaegerLog)).isTrue();

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
      // as above, each series is extrapolated on its own (a status code or error type first seen mid-window is
      // extrapolated differently), so the ratio of rates may pass 1 by a little; the raw counts' ratio may not
      assertThat(bucketRatio).as("share of requests within 0.1 s, from the raw counts").isBetween(0.0, 1.0);
      assertThat(withinSlo).as("latency SLO ratio by job").isGreaterThanOrEqualTo(0.0).isCloseTo(bucketRatio, within(0.15));
      assertThat(query(prometheus, "up{job=\"rpc-metrics\"}")).isEqualTo(1);
      System.out.printf("PromQL answers: error ratio %.4f, mean latency %.4f s (client saw %.4f s), within 0.1 s %.4f%n",
          errorRatio, mean, clientMean, withinSlo);

      // a burst the tail sampler mostly drops: one trace in ten, plus those that supplied an exemplar
      List<String> burst = new ArrayList<>();
      long burstStart = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        HttpResponse<String> response = get(helloUrl + "/hello");
        assertThat(response.statusCode()).isEqualTo(400);
        burst.add(response.headers().firstValue("traceresponse").orElseThrow().split("-")[1]);
      }
      double burstSeconds = (System.nanoTime() - burstStart) / 1e9;
      Thread.sleep(TimeUnit.SECONDS.toMillis(DECISION_SECONDS)); // let every decision be made, then count
      List<String> keptBurst = new ArrayList<>();
      for (String id : burst) {
        if (jaeger.has(id)) {
          keptBurst.add(id);
        }
      }
      int kept = keptBurst.size();
      assertThat(kept).as("traces kept of 100 sent in %.1f s", burstSeconds).isPositive().isLessThan(50);

      // every exemplar Prometheus stored points at a trace Jaeger kept, and at lines in the services' logs
      long now = System.currentTimeMillis() / 1000;
      Map<String, String> exemplarTraces = new HashMap<>(); // trace id -> the series that showed it
      json("http://127.0.0.1:" + prometheus + "/api/v1/query_exemplars?query="
          + URLEncoder.encode("{job=~\"hello-world|formatter|publisher\"}", StandardCharsets.UTF_8)
          + "&start=" + (now - 600) + "&end=" + (now + 60)).path("data").forEach(series -> series.path("exemplars")
              .forEach(e -> exemplarTraces.put(e.path("labels").path("trace_id").asText(),
                  series.path("seriesLabels").toString() + " at " + e.path("timestamp").asText())));
      assertThat(exemplarTraces).hasSizeGreaterThan(3);
      // the newest exemplars (the scrapes' own requests) point at traces still within the decision wait
      Map<String, String> missing = new HashMap<>(exemplarTraces);
      await(DECISION_SECONDS * 3, () -> {
        for (String id : List.copyOf(missing.keySet())) {
          if (jaeger.has(id)) {
            missing.remove(id);
          }
        }
        return missing.isEmpty();
      });
      System.out.printf("Prometheus exemplars: %d traces, %d resolve in Jaeger%n", exemplarTraces.size(),
          exemplarTraces.size() - missing.size());
      assertThat(missing).as("exemplar traces Jaeger does not have (at %d s)", now).isEmpty();
      System.out.printf("Jaeger kept %d of %d burst traces (sent in %.1f s; %d of them exemplar traces)%n", kept,
          burst.size(), burstSeconds, keptBurst.stream().filter(exemplarTraces::containsKey).count());
      String known = exemplarTraces.keySet().stream().filter(goodTraces::contains).findFirst().orElseThrow();
      assertThat(Backends.jsonLines(helloLog, line -> line.startsWith("{")))
          .anySatisfy(line -> assertThat(line.path("trace_id").asText()).isEqualTo(known));
      assertThat(json("http://127.0.0.1:" + prometheus + "/api/v1/query_exemplars?query="
          + URLEncoder.encode("rpc_durations_histogram_seconds_bucket", StandardCharsets.UTF_8)
          + "&start=" + (now - 600) + "&end=" + (now + 60)).path("data")).isNotEmpty();

      // Jaeger lists the three services and holds the seed's span tree for a good request it kept
      assertThat(jaeger.services()).contains("hello-world", "formatter", "publisher");
      List<JaegerQuery.Span> spans = jaeger.trace(known).orElseThrow();
      Map<String, Integer> perService = new HashMap<>();
      Map<String, JaegerQuery.Span> byName = new HashMap<>();
      for (JaegerQuery.Span span : spans) {
        perService.merge(span.service(), 1, Integer::sum);
        byName.putIfAbsent(span.service() + " " + span.name(), span);
      }
      assertThat(perService).containsEntry("hello-world", 6).containsEntry("formatter", 1).containsEntry("publisher", 1);
      JaegerQuery.Span sayHello = byName.get("hello-world say-hello");
      assertThat(sayHello.tags()).containsKey("hello-to");
      assertThat(byName.get("hello-world formatString").parentId()).isEqualTo(sayHello.spanId());
      assertThat(byName.get("hello-world printHello").parentId()).isEqualTo(sayHello.spanId());
      assertThat(byName.get("hello-world GET /hello").kind()).isEqualTo("server");
      JaegerQuery.Span format = byName.get("formatter GET /format");
      assertThat(format.kind()).isEqualTo("server");
      assertThat(byName.get("publisher GET /publish").kind()).isEqualTo("server");
      assertThat(format.tags()).as("the greeting baggage reached formatter").containsEntry("greeting", "Bonjour");
      assertThat(jaeger.traceIds("formatter")).contains(known);
      System.out.println("Jaeger trace " + known + ": " + perService);

      // every line the three services wrote is one JSON object, and the good trace is in all three
      List<JsonNode> lines = Backends.jsonLines(helloLog, line -> true);
      Set<String> services = new HashSet<>();
      lines.stream().filter(l -> l.path("trace_id").asText().equals(known))
          .forEach(l -> services.add(l.path("service.name").asText()));
      assertThat(services).containsExactlyInAnyOrder("hello-world", "formatter", "publisher");
    }
  }
}
