package dev.observa.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The conformance endpoint behaves as the W3C suite's harness expects, over real loopback HTTP. */
class TraceContextTestServiceTest {
  record Callback(List<String> traceparents, List<String> tracestates, String contentType, String body) {}

  @Test
  void callsEachUrlAsAChildWithTheContextInjectedAndAJsonBody() throws Exception {
    BlockingQueue<Callback> callbacks = new ArrayBlockingQueue<>(10);
    HttpServer harness = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    harness.createContext("/", exchange -> {
      callbacks.add(new Callback(exchange.getRequestHeaders().getOrDefault("traceparent", List.of()),
          exchange.getRequestHeaders().getOrDefault("tracestate", List.of()),
          exchange.getRequestHeaders().getFirst("Content-Type"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    harness.start();
    try (TraceContextTestService service = new TraceContextTestService(0)) {
      String base = "http://127.0.0.1:" + harness.getAddress().getPort();
      String actions = "[{\"url\":\"" + base + "/a\",\"arguments\":[{\"url\":\"x\"}]},{\"url\":\"" + base + "/b\"}]";
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
          .newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/test"))
          .header("traceparent", "00-12345678901234567890123456789012-1234567890123456-01")
          .header("tracestate", "1vendor=x").header("tracestate", "foo=1")
          .POST(HttpRequest.BodyPublishers.ofString(actions)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);

      Callback first = callbacks.poll(10, TimeUnit.SECONDS);
      Callback second = callbacks.poll(10, TimeUnit.SECONDS);
      assertThat(first.body()).isEqualTo("[{\"url\":\"x\"}]");
      assertThat(second.body()).isEqualTo("[]");
      for (Callback callback : List.of(first, second)) {
        assertThat(callback.contentType()).isEqualTo("application/json");
        assertThat(callback.traceparents()).singleElement().asString()
            .startsWith("00-12345678901234567890123456789012-").endsWith("-01")
            .doesNotContain("1234567890123456-01");
        assertThat(callback.tracestates()).containsExactly("1vendor=x,foo=1");
      }
      assertThat(first.traceparents().get(0)).isNotEqualTo(second.traceparents().get(0));
    } finally {
      harness.stop(0);
    }
  }

  @Test
  void urlsOutsideLoopbackAreRefusedAndNothingIsCalled() throws Exception {
    BlockingQueue<String> calls = new ArrayBlockingQueue<>(10);
    HttpServer harness = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    harness.createContext("/", exchange -> {
      calls.add(exchange.getRequestURI().toString());
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    harness.start();
    try (TraceContextTestService service = new TraceContextTestService(0)) {
      String loopback = "http://127.0.0.1:" + harness.getAddress().getPort() + "/ok";
      for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://example.com/", "file:///etc/passwd",
          "http://user@127.0.0.1:1/", "http://10.0.0.1/", "gopher://127.0.0.1/")) {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
            .newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/test"))
            .POST(HttpRequest.BodyPublishers.ofString("[{\"url\":\"" + loopback + "\"},{\"url\":\"" + url + "\"}]"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(400);
        assertThat(response.body()).contains("--allow-any-host");
      }
      assertThat(calls).isEmpty();
      assertThat(LoopbackTargets.loopbackOnly("http://localhost:7777/x")).isNotNull();
      assertThat(LoopbackTargets.loopbackOnly("http://[::1]:7777/x")).isNotNull();
      assertThat(LoopbackTargets.loopbackOnly("http://127.1.2.3/x")).isNotNull();
      assertThat(LoopbackTargets.loopbackOnly("http://localhost.evil.example/x")).isNull();
    } finally {
      harness.stop(0);
    }
  }
}
