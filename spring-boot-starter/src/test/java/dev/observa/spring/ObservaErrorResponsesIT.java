package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.Observa;
import dev.observa.spring.errors.ErrorsApplication;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Error responses over real HTTP on loopback: every body names the trace, and what counts as an error. */
@SpringBootTest(classes = ErrorsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.application.name=errors", "spring.mvc.problemdetails.enabled=true",
        "observa.annotations.ignored-exceptions=dev.observa.spring.errors.ErrorsApplication$NoSuchOrder",
        "management.endpoints.web.exposure.include=prometheus", "observa.logging.json=false"})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ObservaErrorResponsesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  @Autowired
  Observa observa;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private HttpResponse<String> get(String path, String traceId) throws Exception {
    return get(path, traceId, "application/json");
  }

  private HttpResponse<String> get(String path, String traceId, String accept) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Accept", accept);
    if (traceId != null) {
      request.header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private SpanData awaitServerSpan(String traceId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<SpanData> spans = observa.unwrap(RecentTraces.class).trace(traceId);
      for (SpanData span : spans) {
        if (span.getKind() == SpanKind.SERVER) {
          return span;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no server span for trace " + traceId);
  }

  @Test
  void problemDetailsOfSpringsExceptionHandlerCarryTheRequestsTraceId() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c800001";
    HttpResponse<String> response = get("/status/7", traceId);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(404);
    assertThat(problem.path("traceId").asText()).isEqualTo(traceId);
  }

  @Test
  void aProblemDetailReturnedByAControllerCarriesTheTraceIdToo() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c800002";
    HttpResponse<String> response = get("/problem", traceId);
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).path("traceId").asText()).isEqualTo(traceId);
  }

  @Test
  void bootsErrorJsonNamesTheTraceAfterSendError() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c800003";
    HttpResponse<String> response = get("/conflict", traceId);
    assertThat(response.statusCode()).isEqualTo(409);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.path("path").asText()).isEqualTo("/conflict");
    assertThat(error.path("traceId").asText()).isEqualTo(traceId);
  }

  @Test
  void bootsErrorJsonNamesTheTraceOfAnUnhandledException() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c800004";
    HttpResponse<String> response = get("/boom", traceId);
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(response.body()).path("traceId").asText()).isEqualTo(traceId);
    SpanData server = awaitServerSpan(traceId);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void withoutAnIncomingTraceTheBodyNamesTheNewTrace() throws Exception {
    HttpResponse<String> response = get("/status/8", null);
    String traceId = JSON.readTree(response.body()).path("traceId").asText();
    assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("00000000000000000000000000000000");
    assertThat(awaitServerSpan(traceId).getAttributes().get(AttributeKey.stringKey("http.route")))
        .isEqualTo("/status/{id}");
  }

  /**
   * OpenTelemetry HTTP semantic conventions, "Status": "For HTTP status codes in the 4xx range span status MUST be
   * left unset in case of SpanKind.SERVER"; the status code stays visible on the span and in the metric.
   */
  @Test
  void aServer404IsNotAnErrorButItsStatusCodeIsVisible() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c800005";
    assertThat(get("/status/9", traceId).statusCode()).isEqualTo(404);
    SpanData server = awaitServerSpan(traceId);
    assertThat(server.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(404L);
    assertThat(server.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
    String scrape = awaitScrape("http_response_status_code=\"404\"");
    assertThat(scrape).containsPattern("http_server_request_duration_seconds_count\\{[^}]*"
        + "http_response_status_code=\"404\"");
  }

  @Test
  void anExceptionListedAsIgnoredLeavesTheObservedCallASuccess() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c800006";
    assertThat(get("/orders/missing-1", traceId).statusCode()).isEqualTo(404);
    String scrape = awaitScrape("orders_find_requests_total");
    assertThat(scrape).contains("orders_find_requests_total{error_type=\"\",outcome=\"success\"} 1.0")
        .doesNotContain("orders_find_requests_total{error_type=\"dev");
    SpanData find = observa.unwrap(RecentTraces.class).trace(traceId).stream()
        .filter(s -> s.getName().equals("orders.find")).findFirst().orElseThrow();
    assertThat(find.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  private String awaitScrape(String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String scrape = get("/actuator/prometheus", null, "text/plain").body();
    while (System.nanoTime() < deadline && !scrape.contains(expected)) {
      Thread.sleep(20);
      scrape = get("/actuator/prometheus", null, "text/plain").body();
    }
    return scrape;
  }
}
