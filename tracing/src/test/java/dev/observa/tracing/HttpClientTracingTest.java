package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.observa.Observa;
import dev.observa.http.HttpClientTracing;
import dev.observa.metrics.PrometheusMetrics;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JDK HttpClient helper against a loopback listener: span, injected context, metrics, as the HTTP conventions say. */
@Timeout(60)
class HttpClientTracingTest {
  private final AtomicReference<String> traceparent = new AtomicReference<>();
  private HttpServer server;
  private PrometheusMetrics prometheus;
  private Observa obs;
  private HttpClientTracing http;
  private String base;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ok", exchange -> {
      traceparent.set(exchange.getRequestHeaders().getFirst("traceparent"));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.createContext("/missing", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.createContext("/fail", exchange -> {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.start();
    prometheus = PrometheusMetrics.create();
    obs = Observa.builder().noDiscovery().metrics(prometheus).tracing(OtelTracing.builder().build()).build();
    http = new HttpClientTracing(obs, HttpClient.newHttpClient());
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    obs.close();
    server.stop(0);
  }

  private List<SpanData> clientSpans(String traceId) {
    return obs.unwrap(RecentTraces.class).trace(traceId).stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
  }

  private String traceOf(ThrowingRunnable calls) throws Exception {
    try (ActiveSpan parent = obs.span("caller").startActive()) {
      calls.run();
      return parent.context().traceId();
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void callsCarryTheContextAndAreMeasuredUnderTheConventionsName() throws Exception {
    String traceId = traceOf(() -> {
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/ok")), HttpResponse.BodyHandlers.discarding())
          .statusCode()).isEqualTo(200);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/fail")), HttpResponse.BodyHandlers.discarding())
          .statusCode()).isEqualTo(503);
    });
    SpanData client = clientSpans(traceId).stream()
        .filter(s -> Long.valueOf(200).equals(s.getAttributes().get(AttributeKey.longKey("http.response.status_code"))))
        .findFirst().orElseThrow();
    assertThat(traceparent.get()).contains(traceId).contains(client.getSpanId());
    String text = prometheus.scrape("text/plain").body();
    String peer = "server_address=\"127.0.0.1\",server_port=\"" + server.getAddress().getPort() + "\"";
    assertThat(text).contains("http_client_request_duration_seconds_count{error_type=\"\",http_request_method=\"GET\","
        + "http_response_status_code=\"200\",network_protocol_version=\"1.1\"," + peer + "} 1\n");
    assertThat(text).contains("http_client_request_duration_seconds_count{error_type=\"503\",http_request_method=\"GET\","
        + "http_response_status_code=\"503\",network_protocol_version=\"1.1\"," + peer + "} 1\n");
    assertThat(text).doesNotContain("http_client_requests_total");
    // recorded while the CLIENT span is current, so the bucket's exemplar points at it
    assertThat(prometheus.scrape("application/openmetrics-text").body()).containsPattern(
        "http_client_request_duration_seconds_bucket\\{[^}]*http_response_status_code=\"200\"[^}]*} 1 # \\{span_id=\""
            + client.getSpanId() + "\",trace_id=\"" + traceId + "\"}");
  }

  /**
   * http-spans.md, Status: "For HTTP status codes in the 4xx range span status ... SHOULD be set to Error in case of
   * SpanKind.CLIENT." "Don't set the span status description if the reason can be inferred from
   * http.response.status_code."
   */
  @Test
  void aFourHundredIsAClientErrorWithTheStatusCodeAsErrorType() throws Exception {
    String traceId = traceOf(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/missing")),
        HttpResponse.BodyHandlers.discarding()));
    SpanData client = clientSpans(traceId).get(0);
    assertThat(client.getName()).isEqualTo("GET");
    assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(client.getStatus().getDescription()).isEmpty();
    assertThat(client.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("404");
    assertThat(client.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(404L);
    assertThat(client.getAttributes().get(AttributeKey.stringKey("server.address"))).isEqualTo("127.0.0.1");
    assertThat(client.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo((long) server.getAddress().getPort());
    assertThat(client.getAttributes().get(AttributeKey.stringKey("network.protocol.version"))).isEqualTo("1.1");
  }

  /**
   * http-spans.md: "url.full MUST NOT contain credentials passed via URL ... attribute's value SHOULD be
   * https://REDACTED:REDACTED@www.example.com/"; "Query string values for the following keys SHOULD be redacted ...
   * sig"; and "{method} MUST be HTTP" when the method is _OTHER, with http.request.method_original set.
   */
  @Test
  void unknownMethodsAndSecretsInTheUrlAreNotReported() throws Exception {
    String url = base.replace("http://", "http://user:pa55@") + "/ok?sig=s1gn&token=t0ken&page=2";
    String traceId = traceOf(() -> http.send(HttpRequest.newBuilder(URI.create(url))
        .method("FETCH", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding()));
    SpanData client = clientSpans(traceId).get(0);
    assertThat(client.getName()).isEqualTo("HTTP");
    assertThat(client.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("_OTHER");
    assertThat(client.getAttributes().get(AttributeKey.stringKey("http.request.method_original"))).isEqualTo("FETCH");
    assertThat(client.getAttributes().get(AttributeKey.stringKey("url.full")))
        .isEqualTo(base.replace("http://", "http://REDACTED:REDACTED@") + "/ok?sig=REDACTED&token=REDACTED&page=2");
    assertThat(prometheus.scrape("text/plain").body()).contains("http_request_method=\"_OTHER\"").doesNotContain("FETCH");
  }

  /** "error.type SHOULD be set to exception type (its fully-qualified class name, if applicable)" */
  @Test
  void aRefusedConnectionIsAnErrorTypedByTheExceptionClass() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    String traceId = traceOf(() -> assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + closedPort + "/")), HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(java.io.IOException.class));
    SpanData client = clientSpans(traceId).get(0);
    assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(client.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("java.net.ConnectException");
    assertThat(prometheus.scrape("text/plain").body()).contains("error_type=\"java.net.ConnectException\"");
  }
}
