package dev.observa.samples.matrix;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code observa.http.server=false} leaves the server observation to Spring Boot's own tracing: Boot's SDK starts the
 * SERVER span, so Observa's adapter remembers no trace id, and Boot's {@code /error} JSON written after that span's
 * scope closed still names the caller's trace, found through the request's {@code RequestCorrelation}.
 */
@SpringBootTest(classes = MatrixApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.application.name=matrix", "management.tracing.sampling.probability=1.0",
        "observa.http.server=false"})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BootHandledServerErrorIT {
  @LocalServerPort
  int port;

  @Test
  void bootsErrorJsonNamesTheCallersTraceWhenBootsTracingStartedTheServerSpan() throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c80a0b1";
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/no-such-page"))
        .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
        .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01").build();
    HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
        .send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JsonMapper.builder().build().readTree(response.body()).path("traceId").asText()).isEqualTo(traceId);
  }
}
