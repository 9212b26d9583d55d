package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * HTTP/1.1 as {@link MetricsHttpServer} speaks it (RFC 9112), over raw loopback sockets: kept-alive and pipelined
 * scrapes, {@code Connection: close}, HTTP/1.0, and malformed or oversized heads refused without harm.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MetricsHttpServerProtocolTest {
  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();
  private MetricsHttpServer server;

  @BeforeEach
  void start() throws IOException {
    obs.counter("served").register().increment();
    server = MetricsHttpServer.builder(prometheus).host("127.0.0.1").port(0).start();
  }

  @AfterEach
  void close() {
    server.close();
    obs.close();
  }

  /** Sends {@code request} and reads until the server closes the connection. */
  private String exchangeUntilClosed(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** Reads one Content-Length framed answer (head and body) from {@code in}. */
  static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("answer head so far: %s", head).isNotNegative();
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = Integer.parseInt(text.replaceAll("(?s).*\r\nContent-Length: (\\d+)\r\n.*", "$1"));
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Test
  void keptAliveConnectionServesPipelinedScrapesInOrder() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      String get = "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
      String om = "GET /metrics?x=1 HTTP/1.1\r\nHost: x\r\nAccept: application/openmetrics-text;version=1.0.0\r\n\r\n";
      socket.getOutputStream().write((get + om).getBytes(StandardCharsets.ISO_8859_1));
      String first = readAnswer(socket.getInputStream());
      String second = readAnswer(socket.getInputStream());
      assertThat(first).startsWith("HTTP/1.1 200 OK\r\n").contains("served_total 1.0").doesNotContain("Connection: close");
      assertThat(second).contains("Content-Type: " + PrometheusMetrics.OPENMETRICS_CONTENT_TYPE).endsWith("# EOF\n");
      for (int i = 0; i < 3; i++) { // and more requests later on the same connection
        socket.getOutputStream().write(get.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(readAnswer(socket.getInputStream())).contains("served_total 1.0");
      }
    }
  }

  @Test
  void connectionCloseAndHttp10EndTheConnectionAfterTheAnswer() throws IOException {
    String closing = exchangeUntilClosed("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(closing).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n").contains("served_total 1.0");
    String http10 = exchangeUntilClosed("GET /metrics HTTP/1.0\r\n\r\n");
    assertThat(http10).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n").contains("served_total 1.0");
  }

  /** @return the value of the server's self-metric for {@code reason} in a fresh scrape, as the text format writes it */
  static String closedConnections(String scrape, String reason) {
    java.util.regex.Matcher value = java.util.regex.Pattern.compile(
        "(?m)^" + ClosedConnections.METRIC + "_total\\{reason=\"" + reason + "\"} (\\S+)$").matcher(scrape);
    return value.find() ? value.group(1) : "absent";
  }

  @Test
  void malformedRequestGets400AndTheServerKeepsServing() throws IOException {
    assertThat(exchangeUntilClosed("GET /metrics\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n");
    assertThat(exchangeUntilClosed("GET /metrics HTTP/1.1\r\nHost : x\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchangeUntilClosed("GET /metrics HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    assertThat(exchangeUntilClosed("GET /metrics HTTP/2.0\r\n\r\n")).startsWith("HTTP/1.1 400 ");
    String scrape = exchangeUntilClosed("GET /metrics HTTP/1.1\r\nConnection: close\r\n\r\n");
    assertThat(scrape).contains("served_total 1.0");
    assertThat(closedConnections(scrape, "malformed")).as("the self-metric in\n%s", scrape).isEqualTo("4.0");
    assertThat(closedConnections(scrape, "head_too_large")).isEqualTo("0.0");
  }

  @Test
  void headLargerThan8KiBGets431() throws IOException {
    String answer = exchangeUntilClosed("GET /metrics HTTP/1.1\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n");
    String scrape = exchangeUntilClosed("GET /metrics HTTP/1.1\r\nConnection: close\r\n\r\n");
    assertThat(closedConnections(scrape, "head_too_large")).as("the self-metric in\n%s", scrape).isEqualTo("1.0");
  }

  @Test
  void aServerThatClosedNothingOnItsOwnShowsNoSelfMetric() throws IOException {
    assertThat(exchangeUntilClosed("GET /metrics HTTP/1.1\r\nConnection: close\r\n\r\n"))
        .contains("served_total 1.0").doesNotContain(ClosedConnections.METRIC);
  }

  @Test
  void closeLogsOneLineWithTheConnectionsTheServerClosedOnItsOwn() throws IOException {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture = new StreamHandler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }
    };
    Logger observaLog = Logger.getLogger("dev.observa");
    observaLog.addHandler(capture);
    try {
      exchangeUntilClosed("GET /metrics\r\n\r\n");
      server.close();
    } finally {
      observaLog.removeHandler(capture);
    }
    assertThat(records).extracting(LogRecord::getMessage).filteredOn(m -> m.contains("metrics server on port"))
        .singleElement().satisfies(m -> assertThat(m).contains("malformed=1", "refused=0"));
  }

  /**
   * RFC 9112 section 3: "A server that receives a request-target longer than any URI it wishes to parse MUST
   * respond with a 414 (URI Too Long) status code"; 431 is for header fields.
   */
  @Test
  void requestLineLargerThan8KiBGets414() throws IOException {
    String answer = exchangeUntilClosed("GET /metrics?" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 414 URI Too Long\r\n").contains("Connection: close\r\n");
  }

  /**
   * RFC 9112 section 3: "A server that receives a method longer than any that it implements SHOULD respond with a
   * 501 (Not Implemented) status code." A known method the endpoint does not serve stays 405.
   */
  @Test
  void methodLongerThanAnyKnownGets501() throws IOException {
    String huge = exchangeUntilClosed("M".repeat(10_000) + " /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(huge).startsWith("HTTP/1.1 501 Not Implemented\r\n").contains("Connection: close\r\n");
    String odd = exchangeUntilClosed("FOOBARBAZ /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(odd).startsWith("HTTP/1.1 501 Not Implemented\r\n").doesNotContain("served_total");
    String options = exchangeUntilClosed("OPTIONS /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(options).startsWith("HTTP/1.1 405 Method Not Allowed\r\n").contains("Allow: GET, HEAD\r\n");
  }

  @Test
  void requestWithABodyIsAnsweredAndTheConnectionClosed() throws IOException {
    String answer = exchangeUntilClosed("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
    assertThat(answer).startsWith("HTTP/1.1 405 Method Not Allowed\r\n").contains("Allow: GET, HEAD\r\n")
        .contains("Connection: close\r\n");
  }

  @Test
  void absoluteFormTargetIsServedByItsPath() throws IOException {
    String answer = exchangeUntilClosed("GET http://127.0.0.1/metrics HTTP/1.1\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("served_total 1.0");
  }

  /** RFC 9110 section 9.1: the method token is case-sensitive, so {@code get} is not {@code GET}. */
  @Test
  void lowerCaseMethodIsNotAllowed() throws IOException {
    String answer = exchangeUntilClosed("get /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertThat(answer).startsWith("HTTP/1.1 405 Method Not Allowed\r\n").contains("Allow: GET, HEAD\r\n")
        .doesNotContain("served_total");
  }
}
