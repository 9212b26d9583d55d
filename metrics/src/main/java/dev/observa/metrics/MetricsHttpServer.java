package dev.observa.metrics;

import dev.observa.spi.Diagnostics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
 * <p>Scrapes run on daemon threads of the server's own (one per open connection, at most
 * {@value #MAX_CONNECTIONS}; a connection beyond them is closed at once), never on application threads, and
 * render into buffers reused from scrape to scrape (see {@link ScrapeResponder}). Connections are kept alive,
 * as Prometheus scrapes, and closed after {@value MetricsHttpConnection#IDLE_TIMEOUT_MILLIS} ms idle. The answer
 * leaves with {@code TCP_NODELAY}: the JDK's {@code com.sun.net.httpserver} sends the head of an answer apart
 * from its body and sets {@code TCP_NODELAY} only under a JVM-wide system property, so a kept-alive scrape
 * smaller than one TCP segment waited for the client's delayed ACK (40 ms on Linux).
 *
 * @since 0.1.0
 */
public final class MetricsHttpServer implements AutoCloseable {
  /** The most connections served at once. */
  public static final int MAX_CONNECTIONS = 8;

  private final ServerSocket serverSocket;
  private final ThreadPoolExecutor connections;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final ScrapeResponder responder;
  private final String path;
  private final Thread acceptor;
  private volatile boolean closed;

  private MetricsHttpServer(Builder builder) throws IOException {
    InetSocketAddress address = builder.host == null
        ? new InetSocketAddress(builder.port) : new InetSocketAddress(builder.host, builder.port);
    this.serverSocket = new ServerSocket();
    try {
      serverSocket.bind(address, 16);
    } catch (IOException e) {
      serverSocket.close();
      throw e;
    }
    this.responder = ScrapeResponder.of(builder.metrics);
    this.path = builder.path;
    this.connections = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
        runnable -> daemon(runnable, "observa-metrics-http"));
    this.acceptor = daemon(this::accept, "observa-metrics-http-accept");
    acceptor.start();
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  private void accept() {
    int failures = 0;
    while (!closed) {
      try {
        Socket socket = serverSocket.accept();
        failures = 0;
        open.add(socket);
        try {
          connections.execute(new MetricsHttpConnection(socket, responder, path, () -> open.remove(socket)));
        } catch (RejectedExecutionException e) { // MAX_CONNECTIONS busy, or closing
          open.remove(socket);
          socket.close();
        }
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        if (closed) {
          return;
        }
        Diagnostics.warn("metrics.http", "metrics server cannot accept: " + Diagnostics.describe(e));
        pause(Math.min(1000, 10L << Math.min(failures++, 6))); // e.g. out of file descriptors: no busy loop
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
    return serverSocket.getLocalPort();
  }

  /** Stops serving at once. */
  @Override
  public void close() {
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket socket : open) {
      try {
        socket.close(); // ends a connection blocked reading or writing
      } catch (IOException e) {
        // closing anyway
      }
    }
    connections.shutdownNow();
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
