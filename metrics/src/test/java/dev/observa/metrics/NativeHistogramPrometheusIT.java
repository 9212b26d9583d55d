package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.Observa;
import dev.observa.meter.Histogram;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real Prometheus 2.42 servers scrape one histogram with native buckets (factor 1.1) beside classic
 * ones: one with {@code --enable-feature=native-histograms} (so it scrapes protobuf and stores the native
 * histogram), one without (it scrapes OpenMetrics and stores the classic buckets). {@code histogram_quantile(0.99, …)}
 * over the native series agrees with the classic series, and with the exact quantile, within the resolution
 * of each.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class NativeHistogramPrometheusIT {
  private static final int OBSERVATIONS = 20_000;
  private static final double CLASSIC_WIDTH = 0.0002;
  private static final double NATIVE_FACTOR = Math.pow(2, 1.0 / 8);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void prometheusIngestsTheNativeHistogramAndItsP99AgreesWithTheClassicBuckets(@TempDir Path dir) throws Exception {
    Path binary = ExternalTool.require("/usr/bin/prometheus");
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    double[] values = new double[OBSERVATIONS];
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();
        MetricsHttpServer server = MetricsHttpServer.builder(prometheus).host("127.0.0.1").port(0).start()) {
      Histogram latency = obs.histogram("rpc.latency").baseUnit("seconds").description("RPC latency")
          .linearBuckets(CLASSIC_WIDTH, CLASSIC_WIDTH, 30).nativeBuckets(1.1).register();
      Random random = new Random(42);
      for (int i = 0; i < OBSERVATIONS; i++) {
        values[i] = Math.exp(Math.log(0.001) + 0.5 * random.nextGaussian()); // log-normal, p99 ≈ 3.2 ms
        latency.record(values[i]);
      }
      Arrays.sort(values);
      double exact = values[(int) Math.ceil(0.99 * OBSERVATIONS) - 1];

      Server nativeServer = start(binary, dir.resolve("native"), server.port(), "--enable-feature=native-histograms");
      Server classicServer = start(binary, dir.resolve("classic"), server.port());
      try {
        JsonNode nativeSample = await(nativeServer, "histogram_count(rpc_latency_seconds)");
        JsonNode classicSample = await(classicServer, "rpc_latency_seconds_count");
        assertThat(nativeSample.path("value").get(1).asDouble()).as(nativeServer.log()).isEqualTo(OBSERVATIONS);
        assertThat(classicSample.path("value").get(1).asDouble()).as(classicServer.log()).isEqualTo(OBSERVATIONS);
        assertThat(query(classicServer, "histogram_count(rpc_latency_seconds)")).as("no native series without the feature")
            .isEmpty();

        double nativeP99 = query(nativeServer, "histogram_quantile(0.99, rpc_latency_seconds)").get(0)
            .path("value").get(1).asDouble();
        double classicP99 = query(classicServer, "histogram_quantile(0.99, rpc_latency_seconds_bucket)").get(0)
            .path("value").get(1).asDouble();
        String found = "exact " + exact + ", native " + nativeP99 + ", classic " + classicP99;
        System.out.println("p99 " + found);
        assertThat(Math.abs(classicP99 - exact)).as(found).isLessThanOrEqualTo(CLASSIC_WIDTH);
        assertThat(nativeP99).as(found).isBetween(exact / NATIVE_FACTOR, exact * NATIVE_FACTOR);
        assertThat(Math.abs(nativeP99 - classicP99)).as(found)
            .isLessThanOrEqualTo(CLASSIC_WIDTH + exact * (NATIVE_FACTOR - 1));
        for (Server each : new Server[] {nativeServer, classicServer}) {
          JsonNode target = JSON.readTree(get(each.api() + "targets")).path("data").path("activeTargets").get(0);
          assertThat(target.path("health").asText()).as(target + "\n" + each.log()).isEqualTo("up");
        }
      } finally {
        nativeServer.stop();
        classicServer.stop();
      }
    }
  }

  private record Server(Process process, Path dir, int port) {
    String api() {
      return "http://127.0.0.1:" + port + "/api/v1/";
    }

    String log() throws IOException {
      return Files.readString(dir.resolve("prometheus.log"));
    }

    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static Server start(Path binary, Path dir, int targetPort, String... flags) throws IOException {
    Files.createDirectories(dir);
    int port = ExternalTool.freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, String.join("\n",
        "scrape_configs:",
        "  - job_name: observa",
        "    scrape_interval: 1s",
        "    static_configs:",
        "      - targets: ['127.0.0.1:" + targetPort + "']",
        ""));
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(binary.toString(),
        "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port));
    command.addAll(Arrays.asList(flags));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    return new Server(process, dir, port);
  }

  /** @return the first sample of the query once there is one (within 90 s) */
  private JsonNode await(Server server, String promql) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      try {
        JsonNode result = query(server, promql);
        if (!result.isEmpty()) {
          return result.get(0);
        }
      } catch (IOException notUpYet) {
        // the server is still starting
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no sample for " + promql + " within 90 s\n" + server.log() + "\ntargets: "
        + get(server.api() + "targets"));
  }

  private JsonNode query(Server server, String promql) throws Exception {
    JsonNode answer = JSON.readTree(get(server.api() + "query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("success");
    return answer.path("data").path("result");
  }

  private String get(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}
