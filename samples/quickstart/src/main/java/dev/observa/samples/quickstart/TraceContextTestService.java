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
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The service the public W3C trace-context test suite drives: {@code POST /test} with a JSON array
 * {@code [{"url": …, "arguments": [...]}]}. The context is extracted from every value of each header;
 * for each item a child span is started and {@code JSON(arguments)} ({@code []} when absent) is POSTed to
 * the url with the context injected. Run: {@code java -cp quickstart.jar
 * dev.observa.samples.quickstart.TraceContextTestService [port]}, then the suite's
 * {@code python test.py http://127.0.0.1:<port>/test}.
 */
public final class TraceContextTestService implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Observa obs;
  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  /**
   * @param port the port on 127.0.0.1; 0 picks a free one
   * @throws IOException if it cannot be bound
   */
  public TraceContextTestService(int port) throws IOException {
    this.obs = Observa.builder().noDiscovery().serviceName("tracecontext-test")
        .tracing(OtelTracing.builder().environment(Map.of()).build()).build();
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
      ObservaContext remote = obs.extract(exchange.getRequestHeaders(), Carriers.multiMap());
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
   * @param args optional port (default 5000)
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    TraceContextTestService service = new TraceContextTestService(port);
    System.out.println("POST http://127.0.0.1:" + service.port() + "/test");
  }
}
