package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.observa.spring.app.ShopApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /actuator/prometheus} of a Boot application with the starter and Micrometer's standard binders (JVM,
 * process, system, Tomcat, executors, logback, HTTP client and server), judged by {@code promtool check metrics}
 * (text format 0.0.4): it parses, and promtool's lint remarks concern Micrometer's own names only, never a family
 * Observa writes or names. Micrometer's are kept as they are (dashboards and alerts query them by these names; a
 * meter filter can rename but not rescale a counter): {@code jvm_compilation_time_ms_total} and
 * {@code process_cpu_time_ns_total} (base units {@code ms}/{@code ns}), {@code system_cpu_count} (a gauge whose
 * name ends in {@code _count}), and the Tomcat binder's meters, registered without a description (no
 * {@code # HELP}, which both exposition formats allow). Without promtool the test is skipped, unless
 * {@code OBSERVA_REQUIRE_TOOLS=1}.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.application.name=shop", "management.endpoints.web.exposure.include=health,prometheus",
        "server.tomcat.mbeanregistry.enabled=true"})
class ActuatorScrapePromtoolIT {
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
  private static final Set<String> MICROMETER_NAMES = Set.of(
      "jvm_compilation_time_ms_total metric names should not contain abbreviated units",
      "process_cpu_time_ns_total metric names should not contain abbreviated units",
      "system_cpu_count non-histogram and non-summary metrics should not have \"_count\" suffix");

  /** A remark on a name Micrometer's binders chose (see the class comment), not on one of Observa's. */
  private static boolean micrometers(String remark) {
    return MICROMETER_NAMES.contains(remark) || remark.startsWith("tomcat_") && remark.endsWith(" no help text");
  }

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private HttpResponse<String> send(String path, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String get(String path, String accept) throws Exception {
    HttpResponse<String> response = send(path, accept);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  @Test
  @Timeout(120)
  void textScrapeParsesAndPromtoolLintsNoneOfObservasFamilies() throws Exception {
    boolean present = Files.isExecutable(PROMTOOL);
    if ("1".equals(System.getenv("OBSERVA_REQUIRE_TOOLS"))) {
      assertThat(present).as("promtool is installed (.ci/run installs it)").isTrue();
    }
    assumeTrue(present, "promtool is not installed");
    // server and client requests, a failed one, a facade log line and an @Observe span: their families are scraped
    get("/hello?name=promtool", null);
    get("/chain", null);
    assertThat(send("/boom", null).statusCode()).isEqualTo(500);
    String text = get("/actuator/prometheus", "text/plain; version=0.0.4");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!text.contains("http_route=\"/boom\"") && System.nanoTime() < deadline) {
      Thread.sleep(50); // a server request is measured after its response was sent
      text = get("/actuator/prometheus", "text/plain; version=0.0.4");
    }
    assertThat(text).contains("jvm_memory_used_bytes").contains("process_cpu_usage")
        .contains("tomcat_sessions_active_current_sessions").contains("http_server_request_duration_seconds")
        .contains("http_client_request_duration_seconds").contains("observa_spans_started_total");

    Process process = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
    process.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    List<String> remarks = output.lines().filter(line -> !line.isBlank()).toList();
    assertThat(remarks).as("promtool's remarks on names not Micrometer's, in\n" + text)
        .filteredOn(remark -> !micrometers(remark)).isEmpty();
    // exit code 3: lint remarks only (Micrometer's); 1: the exposition does not parse
    assertThat(process.exitValue()).as(output).isIn(0, 3);
  }
}
