package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * A text scrape of Observa's own counters and histograms streams from the live series: it allocates a
 * few bytes per series, not a snapshot (which costs hundreds of bytes per series).
 */
class ScrapeAllocationTest {
  private static final OutputStream NOWHERE = OutputStream.nullOutputStream();

  @Test
  void aTextScrapeOfFiveHundredMetersAllocatesLittlePerSeries() throws Exception {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build()) {
      for (int i = 0; i < 250; i++) {
        obs.counter("requests.kind" + i).tag("route", "/r" + i).register().increment(i);
        obs.timer("work.kind" + i).register().record(java.time.Duration.ofMillis(i));
      }
      for (int i = 0; i < 200; i++) { // warm up
        prometheus.scrape("text/plain", NOWHERE);
        prometheus.scrape("application/openmetrics-text", NOWHERE);
      }
      long best = Long.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long before = threads.getCurrentThreadAllocatedBytes();
        prometheus.scrape("application/openmetrics-text", NOWHERE);
        best = Math.min(best, threads.getCurrentThreadAllocatedBytes() - before);
      }
      System.out.println("OpenMetrics scrape of 500 meters allocated " + best + " bytes");
      assertThat(best / 500).as("bytes per series").isLessThan(100);
    }
  }
}
