package dev.observa.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.observa.spi.Diagnostics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP endpoint serving {@link PrometheusMetrics} for applications without Spring: {@code GET}
 * and {@code HEAD} on the path (default {@code /metrics}) answer the format the {@code Accept} header
 * prefers (its {@code q} weights honoured): the Prometheus text format 0.0.4 (the default), OpenMetrics 1.0,
 * or Prometheus' protobuf format with native histograms; gzip when {@code Accept-Encoding} allows it.
 * Other methods get {@code 405} with {@code Allow: GET, HEAD}; other paths {@code 404}.
 *
 * <pre>{@code
 * try (MetricsHttpServer server = MetricsHttpServer.builder(prometheus).port(8080).start()) {
 *   ...  // curl -H 'Accept: application/openmetrics-text' localhost:8080/metrics
 * }
 * }</pre>
 *
 * <p>Scrapes run on two daemon threads of the server's own, never on application threads, and render into
 * buffers reused from scrape to scrape (see {@link ScrapeResponder}).
 *
 * @since 0.1.0
 */
public final class MetricsHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final ScrapeResponder responder;

  private MetricsHttpServer(Builder builder) throws IOException {
    InetSocketAddress address = builder.host == null
        ? new InetSocketAddress(builder.port) : new InetSocketAddress(builder.host, builder.port);
    this.server = HttpServer.create(address, 16);
    this.executor = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "observa-metrics-http");
      thread.setDaemon(true);
      return thread;
    });
    this.responder = ScrapeResponder.of(builder.metrics);
    String path = builder.path;
    server.createContext("/", exchange -> {
      try (exchange) {
        handle(exchange, path);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        Diagnostics.warn("metrics.http", "metrics request failed: " + Diagnostics.describe(e));
      }
    });
    server.setExecutor(executor);
    server.start();
  }

  private void handle(HttpExchange exchange, String path) throws IOException {
    if (!exchange.getRequestURI().getPath().equals(path)) {
      exchange.sendResponseHeaders(404, -1);
      return;
    }
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      exchange.sendResponseHeaders(405, -1);
      return;
    }
    boolean head = method.equals("HEAD");
    // rendered into a reused buffer first, so a failure is a clean 500 and the length is known for HEAD
    responder.respond(exchange.getRequestHeaders().getFirst("Accept"),
        exchange.getRequestHeaders().getFirst("Accept-Encoding"), (contentType, contentEncoding, length) -> {
          exchange.getResponseHeaders().set("Content-Type", contentType);
          if (contentEncoding != null) {
            exchange.getResponseHeaders().set("Content-Encoding", contentEncoding);
          }
          if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(length));
            exchange.sendResponseHeaders(200, -1);
            return null;
          }
          exchange.sendResponseHeaders(200, length);
          return exchange.getResponseBody();
        });
  }

  /**
   * @param metrics what to serve
   * @return a builder: port 8080, path {@code /metrics}, all interfaces
   */
  public static Builder builder(PrometheusMetrics metrics) {
    return new Builder(metrics);
  }

  /** @return the port the server listens on (useful with port 0) */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    responder.close();
  }

  /** Builds {@link MetricsHttpServer}. */
  public static final class Builder {
    private final PrometheusMetrics metrics;
    private int port = 8080;
    private String host;
    private String path = "/metrics";

    private Builder(PrometheusMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * @param port 0 to 65535; 0 picks a free port
     * @return this
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is invalid: it must be in 0..65535");
      }
      this.port = port;
      return this;
    }

    /**
     * @param host the interface to bind, e.g. {@code 127.0.0.1}; default all interfaces
     * @return this
     */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /**
     * @param path the path, starting with {@code /}
     * @return this
     */
    public Builder path(String path) {
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("path '" + path + "' is invalid: it must start with '/'");
      }
      this.path = path;
      return this;
    }

    /**
     * @return the running server
     * @throws IOException if the port cannot be bound
     */
    public MetricsHttpServer start() throws IOException {
      return new MetricsHttpServer(this);
    }
  }
}
