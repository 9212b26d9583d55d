package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.spring.logapp.LogsApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * What every log format must show: each line of a request — the controller's, and Tomcat's error line written
 * after the span's scope closed — carries the trace id the {@code traceresponse} header names; pooled threads
 * show no stale ids; startup lines carry the configured service name. One subclass per format, each with
 * its own application context (Spring Boot configures Logback per context).
 */
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
@Timeout(120)
abstract class LogCorrelationContract {
  static final String SERVICE = "orders";
  static final String TOMCAT_ERROR = "Servlet.service() for servlet [dispatcherServlet]";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @LocalServerPort
  int port;

  /**
   * Spring Boot configures Logback once while any application context lives (another test class may keep a
   * cached one) and leaves its logging system properties behind ({@code CONSOLE_LOG_STRUCTURED_FORMAT}…): each
   * format starts from a clean slate, as in an application's own JVM.
   */
  @BeforeAll
  @AfterAll
  static void freshLogging() {
    LoggingSystem.get(LogCorrelationContract.class.getClassLoader()).cleanUp();
    for (LoggingSystemProperty property : LoggingSystemProperty.values()) {
      System.clearProperty(property.getEnvironmentVariableName());
    }
  }

  /** @return whether the line is one log event's first line */
  abstract boolean isEvent(String line);

  /** @return the trace id the format writes for this event line, or null when it has none */
  abstract String traceId(String line) throws Exception;

  /** @return the service name the format writes for this event line, or null */
  abstract String serviceName(String line) throws Exception;

  @Test
  void everyLineOfAFailedRequestCarriesTheTraceIdOfItsTraceresponse(CapturedOutput output) throws Exception {
    get("/ok"); // the first request initialises the DispatcherServlet (lines of no request)
    int from = output.getOut().length();
    HttpResponse<String> response = get("/fail");
    assertThat(response.statusCode()).isEqualTo(500);
    String traceId = response.headers().firstValue("traceresponse").orElseThrow().split("-")[1];
    List<String> lines = awaitEvents(output, from, "charging card", TOMCAT_ERROR);
    assertThat(lines).anyMatch(line -> line.contains("charging card")).anyMatch(line -> line.contains(TOMCAT_ERROR));
    for (String line : lines) {
      assertThat(traceId(line)).as(line).isEqualTo(traceId);
    }
  }

  @Test
  void pooledThreadsShowNoStaleIds(CapturedOutput output) throws Exception {
    int from = output.getOut().length();
    HttpResponse<String> first = get("/pooled");
    String firstTrace = first.headers().firstValue("traceresponse").orElseThrow().split("-")[1];
    List<String> lines = awaitEvents(output, from, "pooled task of nobody");
    assertThat(lines.stream().filter(line -> line.contains("pooled task of the request")).findFirst().orElseThrow())
        .satisfies(line -> assertThat(traceId(line)).isEqualTo(firstTrace));
    assertThat(lines.stream().filter(line -> line.contains("pooled task of nobody")).findFirst().orElseThrow())
        .satisfies(line -> assertThat(traceId(line)).isNull());
    // the next request, on the same Tomcat thread (threads.max=1), shows its own trace id only
    int next = output.getOut().length();
    HttpResponse<String> second = get("/fail");
    String secondTrace = second.headers().firstValue("traceresponse").orElseThrow().split("-")[1];
    assertThat(secondTrace).isNotEqualTo(firstTrace);
    for (String line : awaitEvents(output, next, "charging card", TOMCAT_ERROR)) {
      assertThat(traceId(line)).as(line).isEqualTo(secondTrace);
    }
  }

  @Test
  void startupLinesCarryTheConfiguredServiceName(CapturedOutput output) throws Exception {
    String out = output.getOut();
    int start = out.indexOf("Starting " + getClass().getSimpleName()); // earlier lines: the previous context's
    assertThat(start).isNotNegative();
    List<String> startup = Arrays.stream(out.substring(out.lastIndexOf('\n', start) + 1).split("\n"))
        .filter(this::isEvent).limit(6).toList();
    assertThat(startup).hasSize(6);
    for (String line : startup) {
      assertThat(serviceName(line)).as(line).isEqualTo(SERVICE);
    }
  }

  HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Event lines written since {@code from}, once all {@code expected} texts appeared (the console is async). */
  List<String> awaitEvents(CapturedOutput output, int from, String... expected) throws InterruptedException {
    for (int attempt = 0; attempt < 200; attempt++) {
      String out = output.getOut().substring(from);
      if (Arrays.stream(expected).allMatch(out::contains)) {
        return Arrays.stream(out.split("\n")).filter(this::isEvent).toList();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not all of " + Arrays.toString(expected) + " were logged:\n" + output.getOut().substring(from));
  }
}
