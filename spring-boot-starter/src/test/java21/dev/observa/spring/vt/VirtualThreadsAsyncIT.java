package dev.observa.spring.vt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.Observa;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code spring.threads.virtual.enabled=true}: Tomcat serves requests and Boot runs {@code @Async} methods on
 * virtual threads (JDK 21+, compiled from src/test/java21). A request's trace reaches the async method's span
 * and log line, and the next request on the same carrier sees its own trace only.
 */
@SpringBootTest(classes = VirtualThreadsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.application.name=invoices", "spring.threads.virtual.enabled=true"})
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VirtualThreadsAsyncIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  @Autowired
  Observa observa;

  private String[] invoice(String traceId) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/invoice"))
        .timeout(Duration.ofSeconds(60)).header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01").build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body().split(" ");
  }

  private static List<JsonNode> rendering(CapturedOutput output, String traceId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      List<JsonNode> lines = new ArrayList<>();
      for (String line : output.getOut().split("\n")) {
        if (line.startsWith("{") && line.contains("rendering invoice") && line.contains(traceId)) {
          lines.add(JSON.readTree(line));
        }
      }
      if (!lines.isEmpty() || System.nanoTime() > deadline) {
        return lines;
      }
      Thread.sleep(20);
    }
  }

  @Test
  void anAsyncMethodOnAVirtualThreadKeepsTheRequestsTrace(CapturedOutput output) throws Exception {
    String traceId = "0af7651916cd43dd8448eb211c8000a1";
    String[] seen = invoice(traceId);
    // request thread: trace, virtual; async method: trace, span, virtual, thread name
    assertThat(seen[0]).isEqualTo(traceId);
    assertThat(seen[1]).as("Tomcat ran the request on a virtual thread").isEqualTo("true");
    assertThat(seen[2]).as("the @Async method saw the request's trace").isEqualTo(traceId);
    assertThat(seen[4]).as("the @Async method ran on a virtual thread (" + seen[5] + ")").isEqualTo("true");

    List<JsonNode> lines = rendering(output, traceId);
    assertThat(lines).as("the async method's JSON log line").hasSize(1);
    assertThat(lines.get(0).path("trace_id").asText()).isEqualTo(traceId);
    assertThat(lines.get(0).path("span_id").asText()).isEqualTo(seen[3]);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<SpanData> spans = observa.unwrap(RecentTraces.class).trace(traceId);
    // the server span ends after the response went out, so the client may read it before that span is kept
    while (!(has(spans, "invoice.render") && has(spans, "GET /invoice")) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      spans = observa.unwrap(RecentTraces.class).trace(traceId);
    }
    SpanData render = spans.stream().filter(s -> s.getName().equals("invoice.render")).findFirst().orElseThrow();
    SpanData server = spans.stream().filter(s -> s.getName().equals("GET /invoice")).findFirst().orElseThrow();
    assertThat(render.getParentSpanId()).as("the async span is the server span's child").isEqualTo(server.getSpanId());
  }

  @Test
  void consecutiveRequestsOnVirtualThreadsNeverSeeAnEarlierTrace() throws Exception {
    for (int i = 0; i < 5; i++) {
      String traceId = "0af7651916cd43dd8448eb211c8000b" + i;
      String[] seen = invoice(traceId);
      assertThat(seen[0]).isEqualTo(traceId);
      assertThat(seen[2]).isEqualTo(traceId);
    }
  }

  private static boolean has(List<SpanData> spans, String name) {
    return spans.stream().anyMatch(s -> s.getName().equals(name));
  }
}
