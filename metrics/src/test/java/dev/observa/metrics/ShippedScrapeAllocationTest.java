package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MetricsHttpServer} answers a scrape of 10,000 series within the allocation budget of 10 bytes per
 * series (issue 19), plain and gzipped: measured with {@code ThreadMXBean.getThreadAllocatedBytes} on the
 * server's threads around one scrape over a kept-alive loopback connection (as Prometheus scrapes). Not a timing assertion.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShippedScrapeAllocationTest {
  /** 550 histograms × (14 buckets + {@code +Inf} + count + sum) + 650 counters. */
  static final int SERIES = 550 * 17 + 650;
  private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};

  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();
  private MetricsHttpServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    obs.close();
  }

  /** Registers the 10,000 series of {@link #SERIES}, every one recorded into. */
  static void tenThousandSeries(Observa obs) {
    for (int i = 0; i < 550; i++) {
      dev.observa.meter.Histogram histogram = obs.histogram("bench.latency." + i).buckets(BUCKETS).register();
      for (int v = 0; v < 20; v++) {
        histogram.record(v * 0.37);
      }
    }
    for (int i = 0; i < 650; i++) {
      obs.counter("bench.requests." + i).register().increment(i);
    }
  }

  @Test
  void metricsHttpServerScrapesTenThousandSeriesWithinTenBytesPerSeries() throws Exception {
    tenThousandSeries(obs);
    server = MetricsHttpServer.builder(prometheus).host("127.0.0.1").port(0).start();
    for (String encoding : new String[] {null, "gzip"}) {
      long best = Long.MAX_VALUE;
      // one kept-alive connection, as Prometheus scrapes: what is measured is the scrape, not the JDK server's
      // per-connection set-up (its read and write buffers, which grew in JDK 21+ and are paid once per connection)
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(30_000);
        for (int round = 0; round < 30; round++) { // warms up, then keeps the least (GC-free) measurement
          long before = serverThreadsAllocated();
          long bodyBytes = scrape(socket, encoding);
          long allocated = serverThreadsAllocated() - before;
          assertThat(bodyBytes).isGreaterThan(encoding == null ? SERIES * 20L : 1000);
          best = Math.min(best, allocated);
        }
      }
      System.out.println("MetricsHttpServer scrape of " + SERIES + " series (" + (encoding == null ? "plain" : encoding)
          + ") allocated " + best + " bytes = " + best / SERIES + " B/series");
      assertThat(best).as("bytes allocated per scrape (%s)", encoding).isLessThanOrEqualTo(10L * SERIES);
    }
  }

  /** Sends one scrape on the kept-alive connection and reads its answer (Content-Length framed); the body's length. */
  private static long scrape(Socket socket, String encoding) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + (encoding == null ? "" : "Accept-Encoding: " + encoding + "\r\n") + "\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the answer's head: " + head);
      }
      head.append((char) b);
    }
    long length = -1;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    assertThat(length).as("Content-Length of %s", head).isPositive();
    byte[] sink = new byte[64 * 1024];
    for (long left = length; left > 0; ) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (n < 0) {
        throw new IOException("connection closed in the body");
      }
      left -= n;
    }
    return length;
  }

  /** @return the bytes allocated so far by the server's threads (its connections and its acceptor) */
  private static long serverThreadsAllocated() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (name.startsWith("observa-metrics-http")) {
        total += threads.getThreadAllocatedBytes(thread.getId());
      }
    }
    return total;
  }
}
