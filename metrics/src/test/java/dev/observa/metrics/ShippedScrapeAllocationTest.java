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
 * {@link ScrapeAllocation}). Not a timing assertion.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShippedScrapeAllocationTest {
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
}
