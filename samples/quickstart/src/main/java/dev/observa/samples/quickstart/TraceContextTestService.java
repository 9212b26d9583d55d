package dev.observa.samples.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.ObservaContext;
import dev.observa.trace.ActiveSpan;
import dev.observa.tracing.OtelTracing;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The service the public W3C trace-context test suite drives: {@code POST /test} with a JSON array
 * {@code [{"url": …, "arguments": [...]}]}. The context is extracted from every value of each header;
 * for each item a child span is started and {@code JSON(arguments)} ({@code []} when absent) is POSTed to
 * the url with the context injected. Only loopback URLs are called ({@code localhost} or a loopback IP
 * literal) unless the service was started with {@code --allow-any-host}: a request naming another host is
 * answered 400 and nothing is called. Run: {@code java -cp quickstart.jar
 * dev.observa.samples.quickstart.TraceContextTestService [port] [--allow-any-host]}, then the suite's
 * {@code python test.py http://127.0.0.1:<port>/test}.
 */
public final class TraceContextTestService implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Observa obs;
  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final boolean anyHost;

  /**
   * Calls loopback URLs only.
   *
   * @param port the port on 127.0.0.1; 0 picks a free one
   * @throws IOException if it cannot be bound
   */
  public TraceContextTestService(int port) throws IOException {
    this(port, false);
  }

  /**
   * @param port the port on 127.0.0.1; 0 picks a free one
   * @param anyHost whether callback URLs may name any host (only for a harness on another machine)
   * @throws IOException if it cannot be bound
   */
  public TraceContextTestService(int port, boolean anyHost) throws IOException {
    this.anyHost = anyHost;
    this.obs = Observa.builder().noDiscovery().serviceName("tracecontext-test")
        .tracing(OtelTracing.builder().build()).build();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.createContext("/test", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  /** @return the bound port */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      JsonNode actions = JSON.readTree(exchange.getRequestBody());
      String refused = refusedUrl(actions);
      if (refused != null) {
        byte[] error = JSON.writeValueAsBytes(java.util.Map.of("error", "only loopback URLs are called; start with "
            + "--allow-any-host to call others", "url", refused));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(400, error.length);
        exchange.getResponseBody().write(error);
        return;
      }
      // the peer's address decides whether its sampled flag is trusted (observa.tracing.inbound-trusted-callers)
      ObservaContext remote = obs.extract(exchange.getRequestHeaders(), Carriers.multiMap(),
          exchange.getRemoteAddress().getAddress().getHostAddress());
      try (Scope scope = remote.makeCurrent();
           ActiveSpan server = obs.span("test").kind(SpanKind.SERVER).startActive()) {
        if (actions != null && actions.isArray()) {
          for (JsonNode action : actions) {
            call(action);
          }
        }
      }
      byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** @return the first url that may not be called, or null when all may */
  private String refusedUrl(JsonNode actions) {
    if (anyHost || actions == null || !actions.isArray()) {
      return null;
    }
    for (JsonNode action : actions) {
      String url = action.path("url").asText(null);
      if (LoopbackTargets.loopbackOnly(url) == null) {
        return String.valueOf(url);
      }
    }
    return null;
  }

  private void call(JsonNode action) {
    JsonNode arguments = action.path("arguments");
    String body = arguments.isMissingNode() || arguments.isNull() ? "[]" : arguments.toString();
    try (ActiveSpan span = obs.span("callback").kind(SpanKind.CLIENT).startActive()) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(action.path("url").asText()))
          .timeout(Duration.ofSeconds(5))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body));
      obs.inject(request, Carriers.httpRequest());
      client.send(request.build(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException | RuntimeException e) {
      // the harness judges what arrived; a failed callback is its finding, not ours to hide or throw
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    obs.close();
  }

  /**
   * @param args optional port (default 5000), and {@code --allow-any-host} to call non-loopback URLs
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    java.util.List<String> list = java.util.List.of(args);
    boolean anyHost = list.contains("--allow-any-host");
    int port = list.stream().filter(a -> !a.startsWith("--")).findFirst().map(Integer::parseInt).orElse(5000);
    TraceContextTestService service = new TraceContextTestService(port, anyHost);
    System.out.println("POST http://127.0.0.1:" + service.port() + "/test");
  }
}
