package dev.observa.metrics;

import static dev.observa.metrics.ScrapeAllocation.SERIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MetricsHttpServer} answers a scrape of 10,000 series within the allocation budget of 10 bytes per
 * series (issue 19), plain and gzipped: measured with {@code ThreadMXBean.getThreadAllocatedBytes} on the
 * server's threads around one scrape over a kept-alive loopback connection (as Prometheus scrapes; see
 * {@link ScrapeAllocation}); and at 500 series, where the per-scrape fixed cost dominates, within 1 KiB, over HTTP and
 * into a reused stream in process. Not a timing assertion.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShippedScrapeAllocationTest {
  private static final long FIXED_COST_BOUND = 1024;
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

  @Test
  void metricsHttpServerScrapesTenThousandSeriesWithinTenBytesPerSeries() throws Exception {
    ScrapeAllocation.tenThousandSeries(obs);
    server = MetricsHttpServer.builder(prometheus).host("127.0.0.1").port(0).start();
    for (String encoding : new String[] {null, "gzip"}) {
      // the server's threads: its connections' and its acceptor's
      long best = ScrapeAllocation.leastPerScrape(server.port(), "/metrics",
          encoding == null ? "" : "Accept-Encoding: " + encoding + "\r\n", "observa-metrics-http",
          encoding == null ? SERIES * 20L : 1000);
      System.out.println("MetricsHttpServer scrape of " + SERIES + " series (" + (encoding == null ? "plain" : encoding)
          + ") allocated " + best + " bytes = " + best / SERIES + " B/series");
      assertThat(best).as("bytes allocated per scrape (%s)", encoding).isLessThanOrEqualTo(10L * SERIES);
    }
  }

  /**
   * At 500 series what a scrape allocates is its fixed cost: the request head, the answer's head, the writer's
   * buffers are all reused, so what is left is prometheus-metrics' {@code PrometheusRegistry.scrape()} of the
   * metrics that are not Observa's (a few hundred bytes). A buffer allocated per scrape (16 KiB) breaks the bound.
   */
  @Test
  void metricsHttpServerScrapeOfFiveHundredSeriesHasAFixedCostUnderOneKilobyte() throws Exception {
    ScrapeAllocation.series(obs, 25, 75);
    server = MetricsHttpServer.builder(prometheus).host("127.0.0.1").port(0).start();
    for (String encoding : new String[] {null, "gzip"}) {
      long best = ScrapeAllocation.leastPerScrape(server.port(), "/metrics",
          "Accept: application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4\r\n"
              + (encoding == null ? "" : "Accept-Encoding: " + encoding + "\r\n"), "observa-metrics-http", 1000);
      System.out.println("MetricsHttpServer scrape of 500 series (" + (encoding == null ? "plain" : encoding)
          + ") allocated " + best + " bytes");
      assertThat(best).as("bytes allocated per scrape (%s)", encoding).isLessThanOrEqualTo(FIXED_COST_BOUND);
    }
  }

  @Test
  void scrapeIntoAReusedStreamOfFiveHundredSeriesHasAFixedCostUnderOneKilobyte() throws Exception {
    ScrapeAllocation.series(obs, 25, 75);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256 * 1024);
    for (String accept : new String[] {"text/plain", "application/openmetrics-text; version=1.0.0"}) {
      long best = Long.MAX_VALUE;
      for (int round = 0; round < 30; round++) {
        out.reset();
        long before = threads.getCurrentThreadAllocatedBytes();
        prometheus.scrape(accept, out);
        best = Math.min(best, threads.getCurrentThreadAllocatedBytes() - before);
      }
      assertThat(out.size()).isGreaterThan(500 * 20);
      System.out.println("scrape of 500 series (" + accept + ") into a reused stream allocated " + best + " bytes");
      assertThat(best).as("bytes allocated per scrape (%s)", accept).isLessThanOrEqualTo(FIXED_COST_BOUND);
    }
  }
}
