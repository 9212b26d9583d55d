package dev.observa.samples.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.trace.ActiveSpan;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 16's proof for JDBC: the sample against a real PostgreSQL 15 ({@link PostgresServer}, Debian's binaries,
 * loopback). One HTTP request with {@code traceparent} and {@code baggage} is one trace: the SERVER span, the
 * {@code @Observe} INTERNAL span and the queries as database CLIENT spans below it (OpenTelemetry's database
 * semantic conventions: "Span kind SHOULD be CLIENT", {@code db.system.name}, {@code db.query.text} with
 * literals replaced by placeholders); the repository's log line carries the trace id and the declared baggage;
 * literals that look like secrets reach no span, log line or metric; the scrape has
 * {@code db_client_operation_duration_seconds} with bounded labels and none of Boot's {@code jdbc.*}
 * observation timers.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = DbApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "observa.tracing.recent-traces=1000")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DatabaseTraceIT {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4738";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static final String UNDECLARED = "undeclared-7f3a9e";
  private static final String SECRET = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static PostgresServer postgres;

  @LocalServerPort
  int port;

  @Autowired
  Observa observa;

  @Autowired
  JdbcClient jdbc;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = PostgresServer.start(Path.of("target", "postgres").toAbsolutePath());
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @DynamicPropertySource
  static void datasource(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> postgres.jdbcUrl());
  }

  @Test
  void oneRequestIsOneTraceThroughTheServiceToTheDatabaseClientSpans(CapturedOutput output) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/orders?item=book"))
        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30))
        .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
        .header("baggage", "channel=mobile,internal.note=" + UNDECLARED).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);

    List<SpanData> spans = awaitSpans(TRACE_ID, s -> s.getKind() == SpanKind.SERVER);
    Map<String, SpanData> byId = spans.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
    SpanData server = only(spans, s -> s.getKind() == SpanKind.SERVER);
    SpanData place = only(spans, s -> s.getName().equals("orders.place"));
    SpanData insert = only(spans, s -> s.getName().equals("INSERT orders"));
    SpanData count = only(spans, s -> s.getName().equals("SELECT orders"));
    assertThat(server.getParentSpanId()).isEqualTo(CALLER_SPAN);
    assertThat(place.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(place.getParentSpanId()).isEqualTo(server.getSpanId());
    for (SpanData query : List.of(insert, count)) {
      assertThat(query.getKind()).as("%s", query).isEqualTo(SpanKind.CLIENT);
      assertThat(ancestors(query, byId)).as("the query %s runs inside the @Observe span", query.getName())
          .contains(place.getSpanId());
      assertThat(attribute(query, "db.system.name")).isEqualTo("postgresql");
      assertThat(attribute(query, "db.namespace")).isEqualTo(PostgresServer.DATABASE);
      assertThat(attribute(query, "db.collection.name")).isEqualTo("orders");
      assertThat(attribute(query, "server.address")).isEqualTo("127.0.0.1");
      assertThat(query.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(postgres.port());
    }
    assertThat(attribute(insert, "db.operation.name")).isEqualTo("INSERT");
    assertThat(attribute(insert, "db.query.text")).isEqualTo("INSERT INTO orders (item) VALUES (?) RETURNING id");
    assertThat(attribute(count, "db.query.text")).as("the literal 'cancelled' is a placeholder")
        .isEqualTo("SELECT count(*) FROM orders WHERE status <> ?");
    assertThat(List.of(insert, count).toString()).as("bind parameter values are not recorded").doesNotContain("book");
    assertThat(spans.toString()).doesNotContain("cancelled").doesNotContain(UNDECLARED).doesNotContain("internal.note");

    String stored = awaitLine(output, "\"body\":\"order stored\"");
    assertThat(stored).contains("\"trace_id\":\"" + TRACE_ID + "\"").contains("\"channel\":\"mobile\"");
    assertThat(output.getOut()).doesNotContain(UNDECLARED);
  }

  /**
   * Literal values in query text may be secrets: the span's {@code db.query.text} holds placeholders, and a query
   * the server rejects is an error span with {@code error.type} and the SQLState, its message (which may quote
   * the query) kept out.
   */
  @Test
  void secretLiteralsInQueriesReachNoSpanLogOrMetric(CapturedOutput output) throws Exception {
    String traceId;
    try (ActiveSpan span = observa.span("audit").startActive()) {
      traceId = span.context().traceId();
      jdbc.sql("SELECT count(*) FROM orders WHERE item = '" + SECRET + "' OR id = 42").query(Long.class).single();
      try {
        jdbc.sql("SELECT * FROM orders WHERE item = '" + SECRET + "' AND AND").query(String.class).list();
      } catch (RuntimeException expected) {
        // the server's syntax error
      }
    }
    List<SpanData> spans = awaitSpans(traceId, s -> s.getName().equals("audit"));
    List<SpanData> queries = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).toList();
    assertThat(queries).as("%s", spans).hasSize(2);
    assertThat(attribute(queries.get(0), "db.query.text"))
        .isEqualTo("SELECT count(*) FROM orders WHERE item = ? OR id = ?");
    SpanData failed = queries.get(1);
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(attribute(failed, "error.type")).isEqualTo("org.postgresql.util.PSQLException");
    assertThat(attribute(failed, "db.response.status_code")).isEqualTo("42601");
    assertThat(spans.toString()).doesNotContain(SECRET).doesNotContain("sk_live");
    assertThat(output.getOut()).doesNotContain(SECRET);
    assertThat(get("/actuator/prometheus")).doesNotContain(SECRET);
  }

  /**
   * A failed query that leaves the request: Spring's exception message quotes the statement (with its literal)
   * and reaches the SERVER span's exception event, the 500's ProblemDetail and Tomcat's error line; the one
   * redaction policy strips the literal everywhere.
   */
  @Test
  void aFailedQueryThatEscapesTheRequestLeaksItsLiteralsNowhere(CapturedOutput output) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/orders/coupons")).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(500);
    String traceId = response.headers().firstValue("traceresponse").orElseThrow().substring(3, 35);
    List<SpanData> spans = awaitSpans(traceId, s -> s.getKind() == SpanKind.SERVER);
    SpanData server = only(spans, s -> s.getKind() == SpanKind.SERVER);
    assertThat(server.getEvents()).as("the exception event").isNotEmpty();
    assertThat(server.getEvents().toString()).contains("bad SQL grammar [SELECT count(*) FROM orders WHERE coupon = ?");
    String errorLine = awaitLine(output, "bad SQL grammar");
    assertThat(errorLine).contains(traceId);
    assertThat(spans.toString()).doesNotContain(SECRET).doesNotContain("sk_live");
    assertThat(response.body()).doesNotContain(SECRET);
    assertThat(output.getOut()).doesNotContain(SECRET);
  }

  @Test
  void theScrapeHasTheDatabaseClientHistogramWithBoundedLabelsAndNoBootObservationTimer() throws Exception {
    HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders?item=pen-9f2c"))
        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    String scrape = get("/actuator/prometheus");
    List<String> insert = scrape.lines()
        .filter(l -> l.startsWith("db_client_operation_duration_seconds_count{") && l.contains("db_operation_name=\"INSERT\""))
        .toList();
    assertThat(insert).as(scrape).hasSize(1);
    assertThat(insert.get(0)).contains("db_system_name=\"postgresql\"", "db_collection_name=\"orders\"",
        "db_namespace=\"observa\"", "server_address=\"127.0.0.1\"", "server_port=\"" + postgres.port() + "\"",
        "error_type=\"\"");
    assertThat(scrape).contains("db_client_operation_duration_seconds_bucket{").doesNotContain("db_query_text")
        .doesNotContain("pen-9f2c");
    assertThat(scrape.lines().filter(l -> l.startsWith("jdbc_") && !l.startsWith("jdbc_connections_")).toList())
        .as("Boot's timers of the jdbc.* observations (Observa handles them)").isEmpty();
  }

  /** The trace's spans once one matching {@code last} has ended (spans reach the store through a queue). */
  private List<SpanData> awaitSpans(String traceId, Predicate<SpanData> last) throws InterruptedException {
    RecentTraces store = observa.unwrap(RecentTraces.class);
    eventually(() -> store.trace(traceId), spans -> spans.stream().anyMatch(last), "spans of " + traceId);
    Thread.sleep(200); // spans ending after the last one looked for (none expected) would show up here
    return store.trace(traceId);
  }

  /** The first JSON log line containing {@code fragment} (an asynchronous appender writes them). */
  private static String awaitLine(CapturedOutput output, String fragment) throws InterruptedException {
    return eventually(() -> output.getOut().lines().filter(l -> l.startsWith("{") && l.contains(fragment)).findFirst(),
        java.util.Optional::isPresent, "a log line with " + fragment).orElseThrow();
  }

  /** Polls {@code value} until {@code done} holds, at most 30 s. */
  private static <T> T eventually(Supplier<T> value, Predicate<T> done, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    T seen = value.get();
    for (; !done.test(seen); seen = value.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within 30 s; last seen: " + seen);
      }
      Thread.sleep(20);
    }
    return seen;
  }

  private static SpanData only(List<SpanData> spans, Predicate<SpanData> which) {
    List<SpanData> found = spans.stream().filter(which).toList();
    assertThat(found).as("in %s", spans).hasSize(1);
    return found.get(0);
  }

  private static List<String> ancestors(SpanData span, Map<String, SpanData> byId) {
    List<String> ids = new java.util.ArrayList<>();
    for (SpanData at = byId.get(span.getParentSpanId()); at != null; at = byId.get(at.getParentSpanId())) {
      ids.add(at.getSpanId());
    }
    return ids;
  }

  private static String attribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key));
  }

  private String get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

}
