package dev.observa.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The sample as a newcomer runs it: {@code java -jar target/hello-world.jar}, three processes talking real
 * HTTP on loopback, no backend. Checks the seed's span tree across the services (from each service's
 * {@code /actuator/traces}), one trace id in every JSON log line, and the bad-input paths.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HelloWorldIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static Process process;
  private static Path log;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    port = freeTriple();
    log = Files.createTempFile("hello-world", ".log");
    process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
        Path.of("target", "hello-world.jar").toAbsolutePath().toString(), "--server.port=" + port)
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300); // three Boot JVMs on 2 busy cores can take minutes
    while (System.nanoTime() < deadline && !(up(port) && up(port + 1) && up(port + 2))) {
      Thread.sleep(500);
    }
    assertThat(up(port) && up(port + 1) && up(port + 2)).as(Files.readString(log)).isTrue();
  }

  @AfterAll
  static void stop() throws Exception {
    if (process != null) {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static int freeTriple() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int candidate;
      try (ServerSocket socket = new ServerSocket(0)) {
        candidate = socket.getLocalPort();
      }
      if (candidate < 65000 && free(candidate + 1) && free(candidate + 2)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no three free consecutive ports");
  }

  private static boolean free(int candidate) {
    try (ServerSocket socket = new ServerSocket(candidate)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean up(int p) {
    try {
      return get(p, "/actuator/health").statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static HttpResponse<String> get(int p, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + path)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode spans(int p, String traceId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode spans = JSON.readTree(get(p, "/actuator/traces/" + traceId).body());
    while (System.nanoTime() < deadline && spans.size() == 0) {
      Thread.sleep(50);
      spans = JSON.readTree(get(p, "/actuator/traces/" + traceId).body());
    }
    return spans;
  }

  private static Map<String, List<JsonNode>> byName(JsonNode spans) {
    Map<String, List<JsonNode>> map = new HashMap<>();
    spans.forEach(span -> map.computeIfAbsent(span.path("name").asText(), k -> new ArrayList<>()).add(span));
    return map;
  }

  @Test
  @Order(1)
  void theSeedsSpanTreeSpansThreeServicesInOneTrace() throws Exception {
    HttpResponse<String> response = get(port, "/hello?name=Bryan&greeting=Bonjour");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("Bonjour, Bryan!");
    String traceId = response.headers().firstValue("traceresponse").orElseThrow().split("-")[1];

    Map<String, List<JsonNode>> hello = byName(spans(port, traceId));
    JsonNode server = hello.get("GET /hello").get(0);
    JsonNode sayHello = hello.get("say-hello").get(0);
    JsonNode formatString = hello.get("formatString").get(0);
    JsonNode printHello = hello.get("printHello").get(0);
    assertThat(server.path("parentSpanId").isNull()).isTrue();
    assertThat(sayHello.path("parentSpanId").asText()).isEqualTo(server.path("spanId").asText());
    assertThat(sayHello.path("attributes").path("hello-to").asText()).isEqualTo("Bryan");
    assertThat(formatString.path("parentSpanId").asText()).isEqualTo(sayHello.path("spanId").asText());
    assertThat(formatString.path("events").get(0).path("name").asText()).isEqualTo("string-format");
    assertThat(formatString.path("events").get(0).path("value").asText()).isEqualTo("Bonjour, Bryan!");
    assertThat(printHello.path("parentSpanId").asText()).isEqualTo(sayHello.path("spanId").asText());
    assertThat(printHello.path("events").get(0).path("name").asText()).isEqualTo("println");
    List<JsonNode> clients = hello.get("GET");
    assertThat(clients).hasSize(2).allSatisfy(c -> assertThat(c.path("kind").asText()).isEqualTo("CLIENT"));
    JsonNode toFormatter = clients.stream()
        .filter(c -> c.path("parentSpanId").asText().equals(formatString.path("spanId").asText())).findFirst().orElseThrow();
    JsonNode toPublisher = clients.stream()
        .filter(c -> c.path("parentSpanId").asText().equals(printHello.path("spanId").asText())).findFirst().orElseThrow();

    JsonNode formatter = spans(port + 1, traceId);
    assertThat(formatter).hasSize(1);
    assertThat(formatter.get(0).path("name").asText()).isEqualTo("GET /format");
    assertThat(formatter.get(0).path("service").asText()).isEqualTo("formatter");
    assertThat(formatter.get(0).path("parentSpanId").asText()).isEqualTo(toFormatter.path("spanId").asText());
    JsonNode publisher = spans(port + 2, traceId);
    assertThat(publisher).hasSize(1);
    assertThat(publisher.get(0).path("name").asText()).isEqualTo("GET /publish");
    assertThat(publisher.get(0).path("parentSpanId").asText()).isEqualTo(toPublisher.path("spanId").asText());

    List<JsonNode> lines = jsonLinesOnceAny(l -> l.path("body").asText().equals("said hello")
        && l.path("trace_id").asText().equals(traceId));
    for (String body : List.of("said hello", "formatted", "published")) {
      assertThat(lines).filteredOn(l -> l.path("body").asText().equals(body)).last()
          .satisfies(l -> assertThat(l.path("trace_id").asText()).isEqualTo(traceId));
    }
    assertThat(lines).filteredOn(l -> l.path("body").asText().equals("formatted")).last()
        .satisfies(l -> assertThat(l.path("service.name").asText()).isEqualTo("formatter"));
  }

  @Test
  @Order(2)
  void aMissingNameIsA400WithAJsonBodyLoggedOnceWithItsTraceId() throws Exception {
    HttpResponse<String> response = get(port, "/hello");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("error").asText()).contains("'name'");
    String traceId = response.headers().firstValue("traceresponse").orElseThrow().split("-")[1];
    assertThat(jsonLinesOnceAny(l -> l.path("trace_id").asText().equals(traceId)))
        .filteredOn(l -> l.path("trace_id").asText().equals(traceId)
        && l.path("severity_text").asText().equals("WARN")).hasSize(1);
  }

  @Test
  @Order(3)
  void hostileNamesKeepTheResponseAndEveryLogLineValid() throws Exception {
    String name = "Q\"uo\\te\nnew\u2028line\u0000";
    HttpResponse<String> response = get(port, "/hello?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("Hello, " + name + "!");
    assertThat(jsonLinesOnceAny(l -> l.path("body").asText().equals("said hello")
        && l.path("hello-to").asText().equals(name)))
        .anySatisfy(l -> assertThat(l.path("hello-to").asText()).isEqualTo(name));
  }

  @Test
  @Order(4)
  void aDownFormatterGivesAQuick503AnErrorSpanAndACountedError() throws Exception {
    ProcessHandle formatter = process.descendants()
        .filter(p -> p.info().commandLine().orElse("").contains("sample.role=formatter")).findFirst().orElseThrow();
    formatter.destroy();
    formatter.onExit().get(30, TimeUnit.SECONDS);
    HttpResponse<String> response = get(port, "/hello?name=Bryan");
    assertThat(response.statusCode()).isEqualTo(503);
    String traceId = response.headers().firstValue("traceresponse").orElseThrow().split("-")[1];
    JsonNode sayHello = byName(spans(port, traceId)).get("say-hello").get(0);
    assertThat(sayHello.path("status").asText()).isEqualTo("ERROR");
    assertThat(get(port, "/actuator/prometheus").body())
        .contains("http_server_request_duration_seconds_count{error_type=\"503\",http_request_method=\"GET\","
            + "http_response_status_code=\"503\",http_route=\"/hello\"");
  }

  /**
   * The log lines once one of them matches, or after 30 s: the starter's appender is asynchronous, so a line
   * logged before the response is sent may reach the file a moment after the client has read the response.
   */
  private static List<JsonNode> jsonLinesOnceAny(Predicate<JsonNode> wanted) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<JsonNode> lines = jsonLines();
    while (lines.stream().noneMatch(wanted) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      lines = jsonLines();
    }
    return lines;
  }

  private static List<JsonNode> jsonLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }
}
