package dev.observa.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Starting, waiting for and asking the processes of the end-to-end test. */
final class Backends implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Process> processes = new ArrayList<>();

  static Path requireFile(String property) {
    Path path = Path.of(System.getProperty(property, "missing"));
    assertThat(path).as("%s (built by the reactor)", property).exists();
    return path;
  }

  static Path requireTool(String path) {
    Path tool = Path.of(path);
    boolean present = Files.isExecutable(tool);
    if ("1".equals(System.getenv("OBSERVA_REQUIRE_TOOLS"))) {
      assertThat(present).as("%s is installed (.ci/run installs it)", path).isTrue();
    }
    assumeTrue(present, path + " is not installed");
    return tool;
  }

  /** Ports already handed out in this JVM: the kernel may give a just-closed ephemeral port again. */
  private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

  /**
   * A port free now and never returned before by this JVM: a test that asks for seven ports before starting the
   * server that binds them all must not get one twice (Jaeger failed to bind its OTLP receiver on the port one of
   * its query servers had just taken).
   */
  static synchronized int freePort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        if (HANDED_OUT.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      }
    }
    throw new IOException("no new free port after 100 attempts");
  }

  static synchronized int freeTriple() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate = freePort();
      if (candidate < 65000 && !HANDED_OUT.contains(candidate + 1) && !HANDED_OUT.contains(candidate + 2)
          && free(candidate + 1) && free(candidate + 2)) {
        HANDED_OUT.add(candidate + 1);
        HANDED_OUT.add(candidate + 2);
        return candidate;
      }
    }
    throw new IllegalStateException("no three consecutive free ports");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  Process start(Path log, List<String> command, String... env) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    for (int i = 0; i < env.length; i += 2) {
      builder.environment().put(env[i], env[i + 1]);
    }
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  static HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String url) throws IOException, InterruptedException {
    return JSON.readTree(get(url).body());
  }

  /** Polls until the condition holds or the bound passes; returns whether it held. */
  static boolean await(long seconds, Check check) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try {
        if (check.holds()) {
          return true;
        }
      } catch (IOException | RuntimeException notYet) {
        // the server is not up yet
      }
      Thread.sleep(250);
    }
    return false;
  }

  static boolean healthy(String url) throws IOException, InterruptedException {
    return get(url).statusCode() == 200;
  }

  /** The value of a PromQL instant query with one result, or NaN. */
  static double query(int prometheusPort, String promql) throws IOException, InterruptedException {
    JsonNode result = json("http://127.0.0.1:" + prometheusPort + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("data").path("result");
    return result.size() == 1 ? result.get(0).path("value").get(1).asDouble() : Double.NaN;
  }

  static List<JsonNode> jsonLines(Path log, Predicate<String> keep) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (!line.isBlank() && keep.test(line)) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  /** One poll. */
  @FunctionalInterface
  interface Check {
    boolean holds() throws IOException, InterruptedException;
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
    for (Process process : processes) {
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
