package dev.observa.samples.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every classpath variant must show (issue 16): one trace per request from the server through
 * {@code @Observe}, {@code @Observed} and the client call to the downstream server, exactly one span per server
 * request and per client call, one HTTP histogram family per side and none of Spring Boot's HTTP meters,
 * {@code @Scheduled} runs as spans, and nothing for actuator requests. Subclasses pick the classpath.
 */
public abstract class OneInstrumentationContract {
  /** The properties every variant runs with. */
  public static final String[] PROPERTIES = {"spring.application.name=matrix",
      "management.endpoints.web.exposure.include=health,prometheus,traces",
      "management.tracing.sampling.probability=1.0", "observa.tracing.recent-traces=1000"};

  private static final Pattern TRACE_RESPONSE = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[0-3]");

  @LocalServerPort
  protected int port;

  @Autowired
  protected Observa observa;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  protected HttpResponse<String> get(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  protected RecentTraces traces() {
    RecentTraces traces = observa.unwrap(RecentTraces.class);
    assertThat(traces).as("the recent-trace store (fed by whichever SDK spans)").isNotNull();
    return traces;
  }

  /** The response can arrive before the server's span ends: wait, bounded, until the trace is complete. */
  protected List<SpanData> awaitTrace(String traceId, Predicate<List<SpanData>> complete) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<SpanData> spans = traces().trace(traceId);
    while (!complete.test(spans) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      spans = traces().trace(traceId);
    }
    return spans;
  }

  private static long count(List<SpanData> spans, SpanKind kind) {
    return spans.stream().filter(s -> s.getKind() == kind).count();
  }

  private static SpanData named(List<SpanData> spans, String name) {
    Optional<SpanData> found = spans.stream().filter(s -> s.getName().equals(name)).findFirst();
    assertThat(found).as("span %s in %s", name, spans.stream().map(SpanData::getName).toList()).isPresent();
    return found.get();
  }

  @Test
  @Timeout(120)
  void oneRequestIsOneTraceFromTheServerThroughObserveAndTheClientToTheDownstreamServer() throws Exception {
    HttpResponse<String> response = get("/front");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("tea 4.20");
    String header = response.headers().firstValue("traceresponse").orElse("");
    Matcher ids = TRACE_RESPONSE.matcher(header);
    assertThat(ids.matches()).as("traceresponse %s", header).isTrue();
    String traceId = ids.group(1);

    List<SpanData> spans = awaitTrace(traceId, s -> s.size() >= 5 && count(s, SpanKind.SERVER) >= 2);
    assertThat(spans).allMatch(s -> s.getTraceId().equals(traceId));
    assertThat(count(spans, SpanKind.SERVER)).as("one SERVER span per server request").isEqualTo(2);
    assertThat(count(spans, SpanKind.CLIENT)).as("one CLIENT span per call").isEqualTo(1);
    SpanData front = named(spans, "GET /front");
    SpanData quote = named(spans, "pricing.quote");
    SpanData lookup = named(spans, "catalog lookup");
    SpanData client = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
    SpanData downstream = named(spans, "GET /downstream");
    assertThat(front.getSpanId()).as("traceresponse names the server span").isEqualTo(ids.group(2));
    assertThat(front.getParentSpanContext().isValid()).isFalse();
    assertThat(quote.getParentSpanId()).isEqualTo(front.getSpanId());
    assertThat(lookup.getParentSpanId()).isEqualTo(quote.getSpanId());
    assertThat(client.getParentSpanId()).isEqualTo(quote.getSpanId());
    assertThat(client.getName()).isEqualTo("GET");
    assertThat(downstream.getParentSpanId()).isEqualTo(client.getSpanId());
    assertThat(spans).hasSize(5);
  }

  @Test
  @Timeout(120)
  void theScrapeHasOneHttpHistogramFamilyPerSideWithStatusCodesAndNoneOfBootsHttpMeters() throws Exception {
    assertThat(get("/front").statusCode()).isEqualTo(200);
    String scrape = awaitScrape("http_route=\"/front\"");
    assertThat(occurrences(scrape, "# TYPE http_server_request_duration_seconds histogram")).isEqualTo(1);
    assertThat(occurrences(scrape, "# TYPE http_client_request_duration_seconds histogram")).isEqualTo(1);
    assertThat(scrape).contains("http_server_request_duration_seconds_count{")
        .containsPattern("http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"200\"[^}]*"
            + "http_route=\"/downstream\"")
        .containsPattern("http_client_request_duration_seconds_count\\{[^}]*http_response_status_code=\"200\"")
        .doesNotContain("http_server_requests_seconds").doesNotContain("http_client_requests_seconds")
        .doesNotContain("http_server_requests_active").doesNotContain("tasks_scheduled_execution_seconds");
  }

  @Test
  @Timeout(120)
  void scheduledRunsAreSpansWithGoldenSignals() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Optional<SpanData> tick = Optional.empty();
    while (tick.isEmpty() && System.nanoTime() < deadline) {
      tick = traces().traceIds().stream().flatMap(id -> traces().trace(id).stream())
          .filter(s -> s.getName().equals("task ticker.tick")).findFirst();
      Thread.sleep(50);
    }
    assertThat(tick).as("a span for a @Scheduled run").isPresent();
    assertThat(tick.get().getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(awaitScrape("tasks_scheduled_execution_requests_total")).contains("tasks_scheduled_execution_requests_total{")
        .contains("tasks_scheduled_execution_duration_seconds_bucket{");
  }

  @Test
  @Timeout(120)
  void actuatorRequestsGetNoSpanAndNoHttpMetric() throws Exception {
    assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(get("/front").statusCode()).isEqualTo(200);
    String scrape = awaitScrape("http_route=\"/front\"");
    assertThat(scrape).doesNotContain("/actuator");
    assertThat(traces().traceIds().stream().flatMap(id -> traces().trace(id).stream()))
        .noneMatch(s -> s.getName().contains("/actuator"));
  }

  /** Metrics recorded after the response was sent: scrape until they show, bounded. */
  protected String awaitScrape(String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String scrape = get("/actuator/prometheus").body();
    while (!scrape.contains(expected) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      scrape = get("/actuator/prometheus").body();
    }
    return scrape;
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
