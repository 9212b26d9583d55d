package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.Observa;
import dev.observa.context.ObservaContext;
import dev.observa.spring.app.ShopApplication;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.task.AsyncTaskExecutor;

@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.application.name=shop", "observa.baggage.allow-list=greeting",
        "management.endpoints.web.exposure.include=health,prometheus,observa,traces",
        "spring.task.execution.pool.core-size=1", "spring.task.execution.pool.max-size=1"})
@ExtendWith(OutputCaptureExtension.class)
class ObservaSpringBootIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

  @LocalServerPort
  int port;

  @Autowired
  Observa observa;

  @Autowired
  AsyncTaskExecutor executor;

  @Autowired
  ApplicationContext context;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Metrics recorded after the response was sent: scrape (OpenMetrics) until they show, bounded. */
  private String awaitScrape(String expected) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    String scrape = get("/actuator/prometheus", "Accept", "application/openmetrics-text; version=1.0.0").body();
    while (System.nanoTime() < deadline && !scrape.contains(expected)) {
      Thread.sleep(20);
      scrape = get("/actuator/prometheus", "Accept", "application/openmetrics-text; version=1.0.0").body();
    }
    return scrape;
  }

  /** The response may reach us before the server thread ends its span: wait (bounded) for the spans. */
  private List<SpanData> awaitSpans(String traceId, String... names) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    List<SpanData> spans = observa.unwrap(RecentTraces.class).trace(traceId);
    while (System.nanoTime() < deadline
        && !spans.stream().map(SpanData::getName).collect(Collectors.toSet()).containsAll(List.of(names))) {
      Thread.sleep(20);
      spans = observa.unwrap(RecentTraces.class).trace(traceId);
    }
    return spans;
  }

  private static List<JsonNode> jsonLines(CapturedOutput output) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.getOut().split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  @Test
  void oneRequestGivesAServerSpanAChildSpanCorrelatedJsonLogsAndAnExemplar(CapturedOutput output) throws Exception {
    HttpResponse<String> response = get("/hello?name=Bryan", "traceparent", PARENT, "X-Scope-OrgID", "acme",
        "baggage", "greeting=Bonjour,secret=s3cr3t");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("Hello, Bryan!");
    // W3C traceresponse: version-trace-id-child-id-flags, only the sampled and random-trace-id flags
    assertThat(response.headers().firstValue("traceresponse"))
        .hasValueSatisfying(v -> assertThat(v).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-0[0-3]"));

    Map<String, SpanData> spans = awaitSpans(TRACE_ID, "GET /hello", "greet").stream()
        .collect(Collectors.toMap(SpanData::getName, s -> s, (a, b) -> a));
    SpanData server = spans.get("GET /hello");
    assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(response.headers().firstValue("traceresponse")).hasValue("00-" + TRACE_ID + "-" + server.getSpanId() + "-0"
        + (server.getSpanContext().getTraceFlags().asByte() & 0x03));
    assertThat(server.getParentSpanId()).isEqualTo("b7ad6b7169203331");
    assertThat(server.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/hello");
    assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
    assertThat(server.getAttributes().get(AttributeKey.stringKey("tenant"))).isEqualTo("acme");
    assertThat(server.getAttributes().get(AttributeKey.stringKey("greeting"))).isEqualTo("Bonjour");
    assertThat(server.getAttributes().get(AttributeKey.stringKey("secret"))).isNull();
    SpanData greet = spans.get("greet");
    assertThat(greet.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(greet.getAttributes().get(AttributeKey.stringKey("hello-to"))).isEqualTo("Bryan");

    List<JsonNode> lines = jsonLines(output);
    assertThat(lines).filteredOn(l -> l.path("body").asText().equals("saying hello")).singleElement()
        .satisfies(l -> assertThat(l.path("trace_id").asText()).isEqualTo(TRACE_ID))
        .satisfies(l -> assertThat(l.path("span_id").asText()).isEqualTo(server.getSpanId()))
        .satisfies(l -> assertThat(l.path("tenant").asText()).isEqualTo("acme"))
        .satisfies(l -> assertThat(l.path("baggage").path("greeting").asText()).isEqualTo("Bonjour"));
    assertThat(lines).filteredOn(l -> l.path("body").asText().equals("greeting")).singleElement()
        .satisfies(l -> assertThat(l.path("span_id").asText()).isEqualTo(greet.getSpanId()))
        .satisfies(l -> assertThat(l.path("name").asText()).isEqualTo("Bryan"));
    assertThat(output.getOut()).doesNotContain("s3cr3t");

    String scrape = awaitScrape("http_route=\"/hello\"");
    // only this test calls greet, so its first (and only) observation holds the bucket's exemplar
    assertThat(scrape).containsPattern("greet_duration_seconds_bucket\\{[^}]*} 1 # \\{span_id=\"" + greet.getSpanId()
        + "\",trace_id=\"" + TRACE_ID + "\"}");
    // the server's duration is recorded while its span is current: the bucket's exemplar is the SERVER span
    assertThat(scrape).containsPattern("http_server_request_duration_seconds_bucket\\{[^}]*http_route=\"/hello\"[^}]*} 1 # "
        + "\\{span_id=\"" + server.getSpanId() + "\",trace_id=\"" + TRACE_ID + "\"}");
    assertThat(scrape).contains("http_server_request_duration_seconds_count{error_type=\"\",http_request_method=\"GET\","
        + "http_response_status_code=\"200\",http_route=\"/hello\",network_protocol_version=\"1.1\",url_scheme=\"http\"}");
    assertThat(scrape.lines().filter(l -> l.contains(" # {")))
        .allSatisfy(l -> assertThat(l).matches("^\\S+(_bucket|_total)\\{.*"));
  }

  @Test
  void restClientCallsContinueTheTraceIntoTheNextServer() throws Exception {
    HttpResponse<String> response = get("/chain", "traceparent", PARENT.replace(TRACE_ID, "1".repeat(32)));
    assertThat(response.body()).isEqualTo("Chain");
    List<SpanData> spans = awaitSpans("1".repeat(32), "GET /chain", "GET /echo", "GET");
    SpanData client = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
    SpanData inner = spans.stream().filter(s -> s.getName().equals("GET /echo")).findFirst().orElseThrow();
    assertThat(inner.getParentSpanId()).isEqualTo(client.getSpanId());
    assertThat(client.getName()).isEqualTo("GET");
    assertThat(client.getAttributes().get(AttributeKey.stringKey("url.full"))).endsWith("/echo?text=Chain");
    assertThat(awaitScrape("http_client_request_duration_seconds_count")).contains(
        "http_client_request_duration_seconds_count{error_type=\"\",http_request_method=\"GET\",http_response_status_code=\"200\","
        + "network_protocol_version=\"\",server_address=\"127.0.0.1\",server_port=\"" + port + "\"}");
  }

  /**
   * http-spans.md, Status: "For HTTP status codes in the 4xx range span status MUST be left unset in case of
   * SpanKind.SERVER"; an exception is an error whose error.type is its "fully-qualified class name".
   */
  @Test
  void serverErrorsAreCountedAndMarkedButClientErrorsAreNot() throws Exception {
    String boomTrace = "2".repeat(32);
    assertThat(get("/boom", "traceparent", PARENT.replace(TRACE_ID, boomTrace)).statusCode()).isEqualTo(500);
    String missingTrace = "3".repeat(32);
    assertThat(get("/echo", "traceparent", PARENT.replace(TRACE_ID, missingTrace)).statusCode()).isEqualTo(400);
    SpanData boom = awaitSpans(boomTrace, "GET /boom").stream().filter(s -> s.getName().equals("GET /boom")).findFirst().orElseThrow();
    assertThat(boom.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(boom.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("java.lang.IllegalStateException");
    assertThat(boom.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(500L);
    SpanData badRequest = awaitSpans(missingTrace, "GET /echo").stream().filter(s -> s.getName().equals("GET /echo"))
        .findFirst().orElseThrow();
    assertThat(badRequest.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(badRequest.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
    String scrape = awaitScrape("http_route=\"/boom\"");
    assertThat(scrape).contains("http_server_request_duration_seconds_count{error_type=\"java.lang.IllegalStateException\","
        + "http_request_method=\"GET\",http_response_status_code=\"500\",http_route=\"/boom\"");
    assertThat(awaitScrape("http_response_status_code=\"400\"")).contains("http_server_request_duration_seconds_count{"
        + "error_type=\"\",http_request_method=\"GET\",http_response_status_code=\"400\",http_route=\"/echo\"");
  }

  /**
   * Issue 14: junk methods once filled the 1,000-series budget (and the filter's maps) so real routes fell into the
   * overflow series. Every unknown method is now _OTHER ("If the HTTP request method is not known to
   * instrumentation, it MUST set the http.request.method attribute to _OTHER").
   */
  @Test
  @org.junit.jupiter.api.Timeout(180)
  void junkMethodsShareOneSeriesAndRealRoutesKeepTheirOwn() throws Exception {
    String junkTrace = "4".repeat(32);
    for (int i = 0; i < 1_200; i++) {
      HttpRequest junk = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo?text=x"))
          .header("traceparent", PARENT.replace(TRACE_ID, i == 1_199 ? junkTrace : TRACE_ID))
          .method("JUNK" + i, HttpRequest.BodyPublishers.noBody()).timeout(java.time.Duration.ofSeconds(30)).build();
      http.send(junk, HttpResponse.BodyHandlers.discarding());
    }
    // "{method} MUST be HTTP" for _OTHER, and the original goes to http.request.method_original
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && awaitSpans(junkTrace).stream().noneMatch(s -> s.getKind() == SpanKind.SERVER)) {
      Thread.sleep(20);
    }
    SpanData last = awaitSpans(junkTrace).stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    assertThat(last.getName()).startsWith("HTTP");
    assertThat(last.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("_OTHER");
    assertThat(last.getAttributes().get(AttributeKey.stringKey("http.request.method_original"))).isEqualTo("JUNK1199");
    assertThat(get("/echo?text=after").statusCode()).isEqualTo(200);
    String scrape = awaitScrape("http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/echo\"");
    assertThat(scrape).contains("http_request_method=\"_OTHER\"").doesNotContain("JUNK")
        .doesNotContain("otel_metric_overflow=\"true\"");
    JsonNode series = JSON.readTree(get("/actuator/observa").body()).path("metrics").path("seriesByMetric");
    assertThat(series.path("http_server_request_duration_seconds").asInt()).isBetween(1, 50);
  }

  @Test
  void completionStageResultsAreMeasuredUntilTheyComplete() throws Exception {
    assertThat(get("/later?name=Ann").body()).isEqualTo("Later, Ann");
    assertThat(awaitScrape("greet_async_requests_total")).contains("greet_async_requests_total{error_type=\"\",outcome=\"success\"} 1.0");
  }

  @Test
  void aPooledThreadNeverKeepsAPreviousRequestsTraceOrTenant() throws Exception {
    assertThat(get("/pooled", "traceparent", PARENT, "X-Scope-OrgID", "acme").body()).isEqualTo("acme " + TRACE_ID);
    // the same single worker thread, now outside any request
    assertThat(executor.submit(() -> ObservaContext.current().tenant() + " " + ObservaContext.current().traceId()).get())
        .isEqualTo("null null");
  }

  @Test
  void theDoctorReportsWiringBudgetsAndDrops() throws Exception {
    get("/echo?text=doc");
    JsonNode report = JSON.readTree(get("/actuator/observa").body());
    assertThat(report.path("service").path("name").asText()).isEqualTo("shop");
    assertThat(report.path("tracing").path("propagators").toString()).contains("tracecontext");
    assertThat(report.path("declaredKeys").toString()).contains("greeting").contains("tenant");
    assertThat(report.path("metrics").path("seriesBudget").asInt()).isEqualTo(1000);
    assertThat(report.path("spans").path("started").asLong()).isPositive();
    assertThat(report.path("recentTraces").path("maxBytes").asLong()).isEqualTo(RecentTraces.DEFAULT_MAX_BYTES);
    assertThat(report.path("recentTraces").path("retainedBytes").asLong())
        .isLessThanOrEqualTo(RecentTraces.DEFAULT_MAX_BYTES);
    // no exporter configured: the store is the only sink, fed as spans end, every trace
    assertThat(report.path("recentTraces").path("fedBy").asText()).isEqualTo("ended spans");
    assertThat(report.path("recentTraces").path("sampleRatio").asDouble()).isEqualTo(1.0);
    assertThat(report.has("warnings")).isTrue();
  }

  @Test
  void anUnknownOrMalformedTraceIdIsA404AndAKnownOneIsServed() throws Exception {
    assertThat(get("/actuator/traces/" + "0".repeat(31) + "1").statusCode()).isEqualTo(404);
    assertThat(get("/actuator/traces/not-a-trace-id").statusCode()).isEqualTo(404);
    HttpResponse<String> response = get("/echo?text=known");
    String traceId = response.headers().firstValue("traceresponse").orElseThrow().split("-")[1];
    awaitSpans(traceId, "GET /echo");
    HttpResponse<String> trace = get("/actuator/traces/" + traceId);
    assertThat(trace.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(trace.body()).get(0).path("name").asText()).isEqualTo("GET /echo");
  }

  @Test
  void aMicrometerMeterClashingWithAnObservaMetricIsRefusedAndTheScrapeStillAnswers(
      @Autowired io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry) throws Exception {
    observa.counter("shop.clash").register().increment();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.counter("shop.clash"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Observa counter 'shop.clash'");
    HttpResponse<String> scrape = get("/actuator/prometheus");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("shop_clash_total 1.0");
  }
}
