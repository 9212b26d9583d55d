package dev.observa.samples.matrix.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.samples.matrix.MatrixApplication;
import dev.observa.samples.matrix.OneInstrumentationContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The matrix application on Jetty instead of Tomcat: the shared contract (one trace per request through the
 * servlet server adapter), and the lines Jetty writes for a request that failed with an exception carry the
 * request's trace id, as Tomcat's do.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = {MatrixApplication.class, JettyIT.Failing.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.application.name=matrix", "management.endpoints.web.exposure.include=health,prometheus,traces",
        "observa.tracing.recent-traces=1000"})
class JettyIT extends OneInstrumentationContract {
  private static final String FAILURE = "card declined on jetty";

  @Autowired
  WebServerApplicationContext context;

  /** A controller whose request fails with an exception no handler takes: the container logs it. */
  @RestController
  static class Failing {
    @GetMapping("/charge")
    String charge() {
      throw new IllegalStateException(FAILURE);
    }
  }

  @Test
  void theServerIsJetty() {
    assertThat(context.getWebServer().getClass().getName()).startsWith("org.springframework.boot.jetty.");
  }

  @Test
  @Timeout(120)
  void jettysLinesForAFailedRequestCarryItsTraceId(CapturedOutput output) throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c820001";
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/charge"))
        .timeout(Duration.ofSeconds(30)).header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01").build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(500);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> lines = List.of();
    while (lines.isEmpty() && System.nanoTime() < deadline) {
      lines = output.getOut().lines().filter(l -> l.contains(FAILURE) && l.startsWith("{")).toList();
      Thread.sleep(20);
    }
    assertThat(lines).as("Jetty's own warning (ServletChannel) for the failed request")
        .anyMatch(line -> line.contains("\"scope.name\":\"org.eclipse.jetty."));
    assertThat(lines).as("the lines logged for the failed request").isNotEmpty()
        .allSatisfy(line -> assertThat(line).contains("\"trace_id\":\"" + traceId + "\""));
  }
}
