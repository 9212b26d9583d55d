package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the scrape-allocation tests of this module and of the starter share (issue 19; the starter reads it from
 * this module's test jar): the 10,000 series they scrape, the bytes a server's threads allocated (from
 * {@code ThreadMXBean.getThreadAllocatedBytes}), and the least of them for one scrape over a kept-alive loopback
 * connection, as Prometheus scrapes: the scrape is measured, not the server's per-connection set-up.
 */
public final class ScrapeAllocation {
  /** 550 histograms × (14 buckets + {@code +Inf} + count + sum) + 650 counters. */
  public static final int SERIES = 550 * 17 + 650;
  private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};
  private static final int ROUNDS = 30;

  private ScrapeAllocation() {}

  /** Registers the {@link #SERIES} series, every one recorded into. */
  public static void tenThousandSeries(Observa obs) {
    series(obs, 550, 650);
  }

  /**
   * Registers histograms of 17 series each (14 buckets, {@code +Inf}, count, sum) and counters, every one recorded
   * into, as the benchmark's scenario 8 does.
   */
  public static void series(Observa obs, int histograms, int counters) {
    for (int i = 0; i < histograms; i++) {
      dev.observa.meter.Histogram histogram = obs.histogram("bench.latency." + i).buckets(BUCKETS).register();
      for (int v = 0; v < 20; v++) {
        histogram.record(v * 0.37);
      }
    }
    for (int i = 0; i < counters; i++) {
      obs.counter("bench.requests." + i).register().increment(i);
    }
  }

  /** @return the bytes allocated so far by the live threads whose name starts with {@code namePrefix} */
  public static long threadsAllocatedBytes(String namePrefix) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith(namePrefix)) {
        total += threads.getThreadAllocatedBytes(thread.getId());
      }
    }
    return total;
  }

  /**
   * Sends {@value #ROUNDS} scrapes on one kept-alive connection (warm-up, then GC-free ones) and keeps the least
   * allocation; every answer must be a {@code 200} with a body longer than {@code minBodyBytes}.
   *
   * @param port the server's loopback port
   * @param target the request target, e.g. {@code /metrics}
   * @param headers more request header lines, each ending in CRLF; may be empty
   * @param serverThreads the name prefix of the server's threads, whose allocations are measured
   * @param minBodyBytes the least body length expected
   * @return the least bytes the server's threads allocated for one scrape
   */
  public static long leastPerScrape(int port, String target, String headers, String serverThreads, long minBodyBytes)
      throws IOException {
    byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    long best = Long.MAX_VALUE;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      for (int round = 0; round < ROUNDS; round++) {
        long before = threadsAllocatedBytes(serverThreads);
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        long length = readAnswer(socket.getInputStream());
        best = Math.min(best, threadsAllocatedBytes(serverThreads) - before);
        assertThat(length).as("the body's length").isGreaterThan(minBodyBytes);
      }
    }
    return best;
  }

  /** Reads one {@code 200} answer framed by its {@code Content-Length}. @return the body's length */
  private static long readAnswer(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || head.lastIndexOf("\r\n\r\n") != head.length() - 4) {
      int b = in.read();
      assertThat(b).as("answer head so far: %s", head).isNotNegative();
      head.append((char) b);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 200");
    long length = -1;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    assertThat(length).as("Content-Length of %s", head).isPositive();
    byte[] sink = new byte[64 * 1024];
    for (long left = length; left > 0; ) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      assertThat(n).as("body cut short").isNotNegative();
      left -= n;
    }
    return length;
  }
}
