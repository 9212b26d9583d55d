package dev.observa.metrics;

import dev.observa.metrics.ClosedConnections.Reason;
import dev.observa.spi.Diagnostics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Map;
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
 * {@value #MAX_CONNECTIONS}), never on application threads, and render into buffers reused from scrape to scrape
 * (see {@link ScrapeResponder}). Connections are kept alive, as Prometheus scrapes, and closed after
 * {@value MetricsHttpConnection#IDLE_TIMEOUT_MILLIS} ms idle. Slow or hostile clients cannot hold the slots: a
 * request head must be complete {@value #HEAD_TIMEOUT_MILLIS} ms after its first byte (else {@code 408}, closed);
 * when all slots are taken a new connection evicts the one idle (or waiting for its head) the longest; when all
 * are answering, the one whose answer has taken the longest, once it has taken more than
 * {@value #HEAD_TIMEOUT_MILLIS} ms (a scrape from memory is written in milliseconds to a client that reads); an
 * answer not written within {@value #WRITE_TIMEOUT_MILLIS} ms (a client that stops reading) has its connection
 * closed by a watchdog. Each connection the server closes on its own is counted in the
 * self-metric {@code observa_metrics_http_connections_closed_total{reason}} (reasons {@code refused},
 * {@code evicted}, {@code stalled}, {@code head_timeout}, {@code head_too_large}, {@code uri_too_long}, {@code method_too_long}, {@code malformed},
 * {@code write_timeout}), logged at most once a minute per reason, and {@link #close()} logs one line with this
 * server's counts when any is not zero. The answer
 * leaves with {@code TCP_NODELAY}: the JDK's {@code com.sun.net.httpserver} sends the head of an answer apart
 * from its body and sets {@code TCP_NODELAY} only under a JVM-wide system property, so a kept-alive scrape
 * smaller than one TCP segment waited for the client's delayed ACK (40 ms on Linux).
 *
 * @since 0.1.0
 */
public final class MetricsHttpServer implements AutoCloseable {
  /** The most connections served at once. */
  public static final int MAX_CONNECTIONS = 8;
  /** The most time a request head may take from its first byte to its end. */
  public static final int HEAD_TIMEOUT_MILLIS = 5_000;
  /** The most time an answer may take to be written. */
  public static final int WRITE_TIMEOUT_MILLIS = 30_000;
  private static final int SWEEP_MILLIS = 500;
  private static final System.Logger LOG = System.getLogger("dev.observa");

  private final ServerSocket serverSocket;
  private final ThreadPoolExecutor connections;
  private final Set<MetricsHttpConnection> open = ConcurrentHashMap.newKeySet();
  private final int headTimeoutMillis;
  private final long headTimeoutNanos;
  private final long writeTimeoutNanos;
  private final ScrapeResponder responder;
  private final String path;
  private final Thread acceptor;
  private final ClosedConnections.Counts closedEarly;
  private volatile boolean closed;

  private MetricsHttpServer(Builder builder) throws IOException {
    InetSocketAddress address = builder.host == null
        ? new InetSocketAddress(builder.port) : new InetSocketAddress(builder.host, builder.port);
    this.serverSocket = new ServerSocket();
    try {
      serverSocket.bind(address, 16);
      serverSocket.setSoTimeout(SWEEP_MILLIS); // the acceptor wakes up to run the write watchdog
    } catch (IOException e) {
      serverSocket.close();
      throw e;
    }
    this.responder = ScrapeResponder.of(builder.metrics);
    this.closedEarly = builder.metrics.closedConnections().newServer();
    this.path = builder.path;
    this.headTimeoutMillis = builder.headTimeoutMillis;
    this.headTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(builder.headTimeoutMillis);
    this.writeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(builder.writeTimeoutMillis);
    // twice the limit: threads of evicted connections may still be ending while their successors start
    this.connections = new ThreadPoolExecutor(0, 2 * MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
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
    long lastSweep = System.nanoTime();
    while (!closed) {
      try {
        Socket socket = acceptOrNull();
        long now = System.nanoTime();
        if (now - lastSweep >= TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS)) {
          lastSweep = now;
          sweep(now);
        }
        failures = 0;
        if (socket != null) {
          serve(socket);
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

  private Socket acceptOrNull() throws IOException {
    try {
      return serverSocket.accept();
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  /** The write watchdog: closes connections whose answer is overdue (a client that stopped reading). */
  private void sweep(long now) {
    for (MetricsHttpConnection connection : open) {
      if (connection.abortIfOverdue(now, writeTimeoutNanos)) {
        closedEarly.count(Reason.WRITE_TIMEOUT);
        Diagnostics.warn("metrics.http.write-timeout", "metrics server closed a connection whose answer was not "
            + "written within " + TimeUnit.NANOSECONDS.toMillis(writeTimeoutNanos) + " ms");
      }
    }
  }

  private void serve(Socket socket) throws IOException {
    if (!makeRoom()) {
      socket.close(); // every slot is answering
      closedEarly.count(Reason.REFUSED);
      Diagnostics.warn("metrics.http.refused", "metrics server refused a connection: all " + MAX_CONNECTIONS
          + " connections are answering");
      return;
    }
    MetricsHttpConnection connection = new MetricsHttpConnection(socket, responder, path, headTimeoutMillis,
        closedEarly, open::remove);
    open.add(connection);
    if (closed) {
      connection.abort(); // close() may have passed over it
    }
    try {
      connections.execute(connection);
    } catch (RejectedExecutionException e) { // closing, or evicted threads not yet ended
      open.remove(connection);
      connection.abort();
    }
  }

  /**
   * @return whether a slot is free, after evicting the connection reading the longest if none was, else the
   *     answer stalled the longest once it has taken more than the head timeout (a client that stopped reading)
   */
  private boolean makeRoom() {
    for (int attempt = 0; attempt <= MAX_CONNECTIONS; attempt++) {
      int live = 0;
      MetricsHttpConnection oldest = null;
      long oldestSince = Long.MAX_VALUE;
      MetricsHttpConnection stalled = null;
      long stalledSince = Long.MAX_VALUE;
      for (MetricsHttpConnection connection : open) {
        if (connection.live()) {
          live++;
          long since = connection.readingSince();
          if (since != Long.MAX_VALUE && (oldest == null || since - oldestSince < 0)) {
            oldest = connection;
            oldestSince = since;
          }
          long answering = connection.answeringSince();
          if (answering != Long.MAX_VALUE && (stalled == null || answering - stalledSince < 0)) {
            stalled = connection;
            stalledSince = answering;
          }
        }
      }
      if (live < MAX_CONNECTIONS) {
        return true;
      }
      if (oldest == null) {
        if (stalled != null && stalled.abortIfOverdue(System.nanoTime(), headTimeoutNanos)) {
          closedEarly.count(Reason.STALLED);
          Diagnostics.warn("metrics.http.stalled", "metrics server closed the connection whose answer was stalled "
              + "the longest for a new one (all " + MAX_CONNECTIONS + " connections answering)");
          return true;
        }
        return false;
      }
      if (oldest.evict()) {
        closedEarly.count(Reason.EVICTED);
        Diagnostics.warn("metrics.http.evicted", "metrics server closed its longest idle connection for a new one"
            + " (all " + MAX_CONNECTIONS + " connections taken)");
        return true;
      }
    }
    return false;
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

  /**
   * Stops serving at once, and logs one line with the connections this server closed on its own, by reason, when
   * it closed any.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (MetricsHttpConnection connection : open) {
      connection.abort(); // ends a connection blocked reading or writing
    }
    connections.shutdownNow();
    responder.close();
    closedEarly.close();
    Map<String, Long> summary = closedEarly.summary();
    if (summary.values().stream().anyMatch(n -> n > 0)) {
      LOG.log(System.Logger.Level.WARNING, "[observa] metrics server on port " + serverSocket.getLocalPort()
          + " closed; connections it closed on its own " + summary + " (" + ClosedConnections.METRIC + "_total)");
    }
  }

  /** Builds {@link MetricsHttpServer}. */
  public static final class Builder {
    private final PrometheusMetrics metrics;
    private int port = 8080;
    private String host;
    private String path = "/metrics";
    private int headTimeoutMillis = HEAD_TIMEOUT_MILLIS;
    private int writeTimeoutMillis = WRITE_TIMEOUT_MILLIS;

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

    /** Shorter timeouts, for tests. */
    Builder timeouts(int headTimeoutMillis, int writeTimeoutMillis) {
      if (headTimeoutMillis <= 0 || writeTimeoutMillis <= 0) {
        throw new IllegalArgumentException("timeouts " + headTimeoutMillis + ", " + writeTimeoutMillis
            + " are invalid: they must be positive");
      }
      this.headTimeoutMillis = headTimeoutMillis;
      this.writeTimeoutMillis = writeTimeoutMillis;
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
