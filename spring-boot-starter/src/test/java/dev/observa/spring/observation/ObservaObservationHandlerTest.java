package dev.observa.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.observa.Observa;
import dev.observa.logging.RequestCorrelation;
import dev.observa.spring.internal.ObservedSpan;
import dev.observa.spring.ObservaProperties;
import dev.observa.test.ObservaCapture;
import dev.observa.trace.ActiveSpan;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ServerHttpObservationFilter;

@Timeout(60)
class ObservaObservationHandlerTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

  private final ObservaCapture capture = ObservaCapture.start();
  private final Observa observa = capture.observa();
  private final ObservaObservationHandler handler = handler(new ObservaProperties());
  private final ObservationRegistry registry = ObservationRegistry.create();

  {
    registry.observationConfig().observationHandler(handler);
  }

  @AfterEach
  void close() {
    capture.close();
  }

  private ObservaObservationHandler handler(ObservaProperties properties) {
    return new ObservaObservationAutoConfiguration().observaObservationHandler(observa, properties, new MockEnvironment());
  }

  private List<SpanData> await(Predicate<List<SpanData>> done) throws InterruptedException {
    return await(capture, done);
  }

  /** Spans end on the caller's thread but reach the store through a queue: wait, bounded. */
  static List<SpanData> await(ObservaCapture capture, Predicate<List<SpanData>> done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<SpanData> spans = capture.spans();
    while (!done.test(spans) && System.nanoTime() < deadline) {
      Thread.sleep(10);
      spans = capture.spans();
    }
    return spans;
  }

  private SpanData awaitSpan(Predicate<SpanData> match) throws InterruptedException {
    return await(spans -> spans.stream().anyMatch(match)).stream().filter(match).findFirst().orElseThrow();
  }

  private Observation serve(MockHttpServletRequest request, MockHttpServletResponse response, String route, int status) {
    ServerRequestObservationContext context = new ServerRequestObservationContext(request, response);
    Observation observation = Observation.start("http.server.requests", () -> context, registry);
    try (Observation.Scope scope = observation.openScope()) {
      context.setPathPattern(route);
      response.setStatus(status);
    }
    observation.stop();
    return observation;
  }

  @Test
  void serverObservationContinuesTheCallersTraceAndAnswersTraceresponse() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders/7");
    request.addHeader("traceparent", PARENT);
    request.addHeader("X-Scope-OrgID", "acme");
    MockHttpServletResponse response = new MockHttpServletResponse();
    serve(request, response, "/orders/{id}", 200);

    SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER);
    assertThat(server.getName()).isEqualTo("GET /orders/{id}");
    assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(server.getParentSpanId()).isEqualTo("b7ad6b7169203331");
    assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
    assertThat(server.getAttributes().get(AttributeKey.stringKey("tenant"))).isEqualTo("acme");
    // W3C Trace Context Level 2, traceresponse: "supports only two flags: sampled and random-trace-id"
    assertThat(response.getHeader("traceresponse")).isEqualTo("00-" + TRACE_ID + "-" + server.getSpanId() + "-01");
    assertThat(capture.metrics().scrape("text/plain").body())
        .containsPattern("http_server_request_duration_seconds_count\\{[^}]*http_response_status_code=\"200\",http_route=\"/orders/\\{id\\}\"");
  }

  @Test
  void theServerSpanCarriesTheReceivedQueryWithSecretValuesRedacted() throws Exception {
    // HTTP semantic conventions, url.query: Conditionally Required "If and only if one was received/sent";
    // "Sensitive content provided in url.query SHOULD be scrubbed when instrumentations can identify it."
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
    request.setQueryString("status=open&access_token=s3cr3t-value&page=2");
    serve(request, new MockHttpServletResponse(), "/orders", 200);
    SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER);
    assertThat(server.getAttributes().get(AttributeKey.stringKey("url.path"))).isEqualTo("/orders");
    assertThat(server.getAttributes().get(AttributeKey.stringKey("url.query")))
        .isEqualTo("status=open&access_token=REDACTED&page=2");
    assertThat(server.getAttributes().toString()).doesNotContain("s3cr3t-value");
  }

  @Test
  void underTheContainersRequestContextTheServerSpanContinuesTheCallersTrace() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders/7");
    request.addHeader("traceparent", PARENT);
    try (Scope container = RequestCorrelation.newRequest().makeCurrent()) {
      serve(request, new MockHttpServletResponse(), "/orders/{id}", 200);
    }
    SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER);
    assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(server.getParentSpanId()).isEqualTo("b7ad6b7169203331");
  }

  @Test
  void aSpanLeftCurrentOnAPooledThreadNeverBecomesTheParentOfARequest() throws Exception {
    SpanContext leftover = SpanContext.create("1".repeat(32), "2".repeat(16), TraceFlags.getSampled(),
        TraceState.getDefault());
    try (Scope stale = Context.root().with(Span.wrap(leftover)).makeCurrent()) {
      serve(new MockHttpServletRequest("GET", "/orders/7"), new MockHttpServletResponse(), "/orders/{id}", 200);
    }
    SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER);
    assertThat(server.getTraceId()).isNotEqualTo(leftover.getTraceId());
    assertThat(server.getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void afterSpringsFilterReturnedTheRequestStillFindsItsServerSpansTraceIdForAnErrorBody() throws Exception {
    // what Boot's /error dispatch and a problem detail read (RequestTraceIds): no span is current by then, and
    // nothing of Observa's was written into the request
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders/7");
    request.addHeader("traceparent", PARENT);
    new ServerHttpObservationFilter(registry).doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    assertThat(java.util.Collections.list(request.getAttributeNames())).noneMatch(name -> name.startsWith("dev.observa"));
    assertThat(ServerHttpObservationFilter.findObservationContext(request).map(ObservedSpan::traceId))
        .contains(TRACE_ID);
    assertThat(ObservedSpan.traceId(null)).isNull();
  }

  @Test
  void malformedTraceparentStartsNewTrace() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders/7");
    request.addHeader("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-zz");
    serve(request, new MockHttpServletResponse(), "/orders/{id}", 200);
    SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER);
    assertThat(server.getTraceId()).isNotEqualTo(TRACE_ID);
    assertThat(server.getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void serverErrorsAreErrorsAndClientErrorsAreNotForTheServer() throws Exception {
    serve(new MockHttpServletRequest("GET", "/missing"), new MockHttpServletResponse(), null, 404);
    serve(new MockHttpServletRequest("GET", "/broken"), new MockHttpServletResponse(), "/broken", 503);
    await(spans -> spans.size() == 2);
    String scrape = capture.metrics().scrape("text/plain").body();
    assertThat(scrape).containsPattern("error_type=\"503\"[^}]*http_response_status_code=\"503\"")
        .doesNotContain("error_type=\"404\"").contains("http_response_status_code=\"404\"");
  }

  @Test
  void clientObservationIsAChildOfTheCurrentSpanAndInjectsItsOwnSpan() throws Exception {
    MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, URI.create("http://127.0.0.1:8081/stock?id=7"));
    ClientRequestObservationContext context = new ClientRequestObservationContext(request);
    String parentSpanId;
    try (ActiveSpan work = observa.span("work").startActive()) {
      parentSpanId = work.context().spanId();
      Observation observation = Observation.start("http.client.requests", () -> context, registry);
      context.setResponse(new MockClientHttpResponse(new byte[0], HttpStatus.NOT_FOUND));
      observation.stop();
    }
    SpanData client = awaitSpan(s -> s.getKind() == SpanKind.CLIENT);
    assertThat(client.getParentSpanId()).isEqualTo(parentSpanId);
    assertThat(request.getHeaders().getFirst("traceparent")).contains(client.getSpanId());
    assertThat(client.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("404");
    assertThat(capture.metrics().scrape("text/plain").body())
        .containsPattern("http_client_request_duration_seconds_count\\{error_type=\"404\",[^}]*http_response_status_code=\"404\"");
  }

  @Test
  void aSenderInjectsItsSpanAndAReceiverContinuesItAsConsumer() throws Exception {
    Map<String, String> message = new HashMap<>();
    SenderContext<Map<String, String>> send = new SenderContext<>(Map::put, Kind.PRODUCER);
    send.setCarrier(message);
    Observation.createNotStarted("orders.send", () -> send, registry).observe(() -> {});
    ReceiverContext<Map<String, String>> receive = new ReceiverContext<>(Map::get, Kind.CONSUMER);
    receive.setCarrier(message);
    Observation.createNotStarted("orders.receive", () -> receive, registry).observe(() -> {});

    SpanData producer = awaitSpan(s -> s.getKind() == SpanKind.PRODUCER);
    SpanData consumer = awaitSpan(s -> s.getKind() == SpanKind.CONSUMER);
    assertThat(message.get("traceparent")).contains(producer.getTraceId()).contains(producer.getSpanId());
    assertThat(consumer.getTraceId()).isEqualTo(producer.getTraceId());
    assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
  }

  @Test
  void anyOtherObservationIsAnInternalSpanWithKeyValuesAndGoldenSignalsByName() throws Exception {
    Observation.createNotStarted("inventory.check", registry).contextualName("check inventory")
        .lowCardinalityKeyValue("warehouse", "north").highCardinalityKeyValue("sku", "A-1").observe(() -> {});
    SpanData span = awaitSpan(s -> s.getName().equals("check inventory"));
    assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("warehouse"))).isEqualTo("north");
    assertThat(capture.metrics().scrape("text/plain").body()).contains("inventory_check_requests_total{")
        .contains("inventory_check_duration_seconds_bucket{").doesNotContain("A-1");
  }

  /**
   * OpenTelemetry's database semantic conventions: a database call is a CLIENT span with {@code db.system.name};
   * {@code db.query.text} "SHOULD be sanitized … by replacing all literals with a placeholder value"; the
   * duration goes to {@code db.client.operation.duration}, never labelled by query text.
   */
  @Test
  void aJdbcQueryIsADatabaseClientSpanWithoutLiteralsOrParameters() throws Exception {
    try (ActiveSpan parent = observa.span("orders.place").startActive()) {
      net.ttddyy.observation.tracing.QueryContext query = new net.ttddyy.observation.tracing.QueryContext();
      query.setUrl("jdbc:postgresql://db.local:5433/shop?password=hunter2");
      query.setQueries(List.of("UPDATE orders SET note = 'token sk_live_abc' WHERE id = 7"));
      query.setParams(List.of("(secret-param-1)"));
      Observation.createNotStarted("jdbc.query", () -> query, registry).contextualName("query")
          .highCardinalityKeyValue("jdbc.query[0]", query.getQueries().get(0)).observe(() -> {});
    }
    SpanData span = awaitSpan(s -> s.getKind() == SpanKind.CLIENT);
    assertThat(span.getName()).isEqualTo("UPDATE orders");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("db.system.name"))).isEqualTo("postgresql");
    assertThat(span.getAttributes().get(AttributeKey.stringKey("db.namespace"))).isEqualTo("shop");
    assertThat(span.getAttributes().get(AttributeKey.longKey("server.port"))).isEqualTo(5433L);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("db.query.text")))
        .isEqualTo("UPDATE orders SET note = ? WHERE id = ?");
    assertThat(span.toString()).doesNotContain("sk_live").doesNotContain("secret-param").doesNotContain("hunter2");
    String scrape = capture.metrics().scrape("text/plain").body();
    assertThat(scrape).contains("db_client_operation_duration_seconds_bucket{")
        .containsPattern("db_operation_name=\"UPDATE\"[^}]*db_system_name=\"postgresql\"")
        .doesNotContain("jdbc_query").doesNotContain("sk_live");
  }

  @Test
  void theSpanIsCurrentInsideTheObservationsScopeAndThePreviousContextComesBack() {
    Observation observation = Observation.start("work", registry);
    try (Observation.Scope scope = observation.openScope()) {
      assertThat(Span.current().getSpanContext().isValid()).isTrue();
    }
    observation.stop();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
  }

  @Test
  void scopesClosedOutOfOrderStillRestoreWhatWasCurrentBeforeThem() {
    Observation.Context a = named("a");
    Observation.Context b = named("b");
    handler.onStart(a);
    handler.onStart(b);
    handler.onScopeOpened(a);
    handler.onScopeOpened(b);
    String bSpan = Span.current().getSpanContext().getSpanId();
    handler.onScopeClosed(a);
    assertThat(Span.current().getSpanContext().getSpanId()).isEqualTo(bSpan);
    handler.onScopeClosed(b);
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    handler.onStop(b);
    handler.onStop(a);
  }

  @Test
  void aScopeClosedOnAnotherThreadChangesNothingThereAndAResetLeavesTheRootContext() throws Exception {
    Observation.Context a = named("a");
    handler.onStart(a);
    handler.onScopeOpened(a);
    Thread other = new Thread(() -> {
      handler.onScopeClosed(a);
      assertThat(Span.current().getSpanContext().isValid()).isFalse();
    });
    other.start();
    other.join(10_000);
    assertThat(Span.current().getSpanContext().isValid()).as("still open on the thread that opened it").isTrue();
    handler.onScopeReset(a);
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    handler.onStop(a);
  }

  @Test
  void nothingTheHandlerMeetsReachesTheApplication() {
    ReceiverContext<String> receive = new ReceiverContext<>((carrier, key) -> {
      throw new IllegalStateException("broken getter");
    });
    receive.setCarrier("message");
    assertThatCode(() -> Observation.createNotStarted("broken.receive", () -> receive, registry).observe(() -> {}))
        .doesNotThrowAnyException();
    ClientRequestObservationContext noRequest = new ClientRequestObservationContext(null);
    assertThatCode(() -> Observation.createNotStarted("http.client.requests", () -> noRequest, registry)
        .observe(() -> {})).doesNotThrowAnyException();
    assertThatCode(() -> handler.onStop(new Observation.Context())).doesNotThrowAnyException();
  }

  @Test
  void switchedOffHttpServerObservationsAreLeftToOtherHandlers() {
    ObservaProperties properties = new ObservaProperties();
    properties.getHttp().setServer(false);
    ObservaObservationHandler serverOff = handler(properties);
    ServerRequestObservationContext server = new ServerRequestObservationContext(
        new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse());
    assertThat(serverOff.supportsContext(server)).isFalse();
    assertThat(serverOff.supportsContext(named("other"))).isTrue();
    assertThat(handler.supportsContext(server)).isTrue();
  }

  private static Observation.Context named(String name) {
    Observation.Context context = new Observation.Context();
    context.setName(name);
    return context;
  }
}
