package dev.observa.samples.matrix.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Error bodies of a WebFlux application over real HTTP (Reactor Netty on loopback) name the request's trace in
 * {@code traceId}, the same field as on the servlet side: RFC 9457 problem details (Spring's exception handler and a
 * controller's own) and Boot's WebFlux error JSON, also when the failure happened on another thread.
 */
@SpringBootTest(classes = ReactiveMatrixApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.application.name=matrix", "spring.webflux.problemdetails.enabled=true",
        "observa.tracing.recent-traces=1000"})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReactiveErrorBodiesIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private HttpResponse<String> get(String path, String traceId) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
    if (traceId != null) {
      request.header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void problemDetailsOfSpringsExceptionHandlerCarryTheRequestsTraceId() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c810001";
    HttpResponse<String> response = get("/status/7", traceId);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(404);
    assertThat(problem.path("traceId").asString()).as(response.body()).isEqualTo(traceId);
  }

  @Test
  void aProblemDetailMonoReturnedByAControllerCarriesTheTraceId() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c810002";
    HttpResponse<String> response = get("/problem", traceId);
    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("detail").asString()).isEqualTo("no stock");
    assertThat(problem.path("traceId").asString()).as(response.body()).isEqualTo(traceId);
  }

  @Test
  void bootsWebFluxErrorJsonNamesTheTraceOfAFailureOnAnotherThread() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c810003";
    HttpResponse<String> response = get("/boom", traceId);
    assertThat(response.statusCode()).isEqualTo(500);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.path("path").asString()).isEqualTo("/boom");
    assertThat(error.path("traceId").asString()).as(response.body()).isEqualTo(traceId);
  }

  @Test
  void withoutAnIncomingTraceTheBodyNamesTheNewTrace() throws Exception {
    HttpResponse<String> response = get("/status/8", null);
    assertThat(response.statusCode()).isEqualTo(404);
    String traceId = JSON.readTree(response.body()).path("traceId").asString();
    assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("00000000000000000000000000000000");
    assertThat(response.headers().firstValue("traceresponse")).hasValueSatisfying(
        header -> assertThat(header).contains(traceId));
  }
}
