package dev.observa.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.spring.ObservaProperties;
import dev.observa.test.ObservaCapture;
import dev.observa.trace.ActiveSpan;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientResponse;

/** WebFlux's server observation and WebClient's client observation, handled like their servlet counterparts. */
@Timeout(60)
class ReactiveAdaptersTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

  private final ObservaCapture capture = ObservaCapture.start();
  private final ObservationRegistry registry = ObservationRegistry.create();

  {
    registry.observationConfig().observationHandler(new ObservaObservationAutoConfiguration()
        .observaObservationHandler(capture.observa(), new ObservaProperties(), new MockEnvironment()));
  }

  @AfterEach
  void close() {
    capture.close();
  }

  private SpanData awaitSpan(Predicate<SpanData> match) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (capture.spans().stream().noneMatch(match) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return capture.spans().stream().filter(match).findFirst().orElseThrow();
  }

  @Test
  void aWebFluxRequestContinuesTheCallersTraceWithRouteStatusAndTraceresponse() throws Exception {
    MockServerHttpRequest request = MockServerHttpRequest.get("http://localhost:8080/orders/7?view=full&password=hunter2")
        .header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01").header("X-Scope-OrgID", "acme").build();
    MockServerHttpResponse response = new MockServerHttpResponse();
    ServerRequestObservationContext context = new ServerRequestObservationContext(request, response, new HashMap<>());
    Observation observation = Observation.start("http.server.requests", () -> context, registry);
    context.setPathPattern("/orders/{id}");
    response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
    observation.stop();

    SpanData server = awaitSpan(s -> s.getKind() == SpanKind.SERVER);
    assertThat(server.getName()).isEqualTo("GET /orders/{id}");
    assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(server.getParentSpanId()).isEqualTo("b7ad6b7169203331");
    assertThat(server.getAttributes().get(AttributeKey.stringKey("tenant"))).isEqualTo("acme");
    // url.query: Conditionally Required "If and only if one was received/sent", sensitive content scrubbed
    assertThat(server.getAttributes().get(AttributeKey.stringKey("url.query"))).isEqualTo("view=full&password=REDACTED");
    assertThat(response.getHeaders().getFirst("traceresponse")).isEqualTo("00-" + TRACE_ID + "-" + server.getSpanId() + "-01");
    assertThat(capture.metrics().scrape("text/plain").body()).containsPattern(
        "http_server_request_duration_seconds_count\\{error_type=\"503\",[^}]*http_response_status_code=\"503\",http_route=\"/orders/\\{id\\}\"");
  }

  @Test
  void aWebClientCallIsAChildOfTheCurrentSpanAndInjectsIntoTheRequestBuilder() throws Exception {
    ClientRequest.Builder builder = ClientRequest.create(HttpMethod.POST, URI.create("http://127.0.0.1:9000/stock"));
    ClientRequestObservationContext context = new ClientRequestObservationContext(builder);
    String parent;
    try (ActiveSpan work = capture.observa().span("work").startActive()) {
      parent = work.context().spanId();
      Observation observation = Observation.start("http.client.requests", () -> context, registry);
      context.setRequest(builder.build());
      context.setResponse(ClientResponse.create(HttpStatus.OK).build());
      observation.stop();
    }
    SpanData client = awaitSpan(s -> s.getKind() == SpanKind.CLIENT);
    assertThat(client.getName()).isEqualTo("POST");
    assertThat(client.getParentSpanId()).isEqualTo(parent);
    assertThat(context.getRequest().headers().getFirst("traceparent")).contains(client.getSpanId());
    assertThat(capture.metrics().scrape("text/plain").body()).containsPattern(
        "http_client_request_duration_seconds_count\\{[^}]*http_request_method=\"POST\",http_response_status_code=\"200\"");
  }

  @Test
  void webFluxActuatorRequestsAreNotObserved() {
    ReactiveActuatorRequests predicate = new ReactiveActuatorRequests("/actuator");
    assertThat(predicate.test("http.server.requests", new ServerRequestObservationContext(
        MockServerHttpRequest.get("/actuator/health").build(), new MockServerHttpResponse(), new HashMap<>()))).isFalse();
    assertThat(predicate.test("http.server.requests", new ServerRequestObservationContext(
        MockServerHttpRequest.get("/orders").build(), new MockServerHttpResponse(), new HashMap<>()))).isTrue();
  }
}
