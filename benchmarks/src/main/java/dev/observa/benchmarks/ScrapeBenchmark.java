package dev.observa.benchmarks;

import dev.observa.Observa;
import dev.observa.meter.Histogram;
import dev.observa.metrics.MetricsHttpServer;
import dev.observa.metrics.PrometheusMetrics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scenario 8: one scrape of {@code series} series (histograms with 14 buckets, 17 series each with
 * {@code +Inf}, count and sum, and counters; every one recorded into): 500 series (25 histograms, 75 counters)
 * and 10,000 (550 histograms, 650 counters).
 *
 * <p>Observa through what it ships: {@code MetricsHttpServer} over loopback HTTP (plain and gzip), one
 * kept-alive connection read into a reused buffer (the starter's {@code /metrics} servlet answers through the
 * same {@code ScrapeResponder}); and in process, the text format streamed into a reused buffer (what both
 * endpoints render into). Peer: Micrometer's {@code PrometheusMeterRegistry.scrape()} on the same meters, in
 * process (a {@code String}, what Spring Boot's {@code /actuator/prometheus} builds before sending it).
 * B/op divided by {@code series} gives B/series.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScrapeBenchmark {
  private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};

  @Param({"500", "10000"})
  public int series;

  private Observa observa;
  private PrometheusMetrics prometheus;
  private PrometheusMeterRegistry micrometer;
  private MetricsHttpServer server;
  private LoopbackScraper plain;
  private LoopbackScraper gzip;
  private final JsonEncodeBenchmark.ReusedBuffer buffer = new JsonEncodeBenchmark.ReusedBuffer();

  @Setup
  public void setUp() throws IOException {
    int histograms = series == 500 ? 25 : 550;
    int counters = series - histograms * 17;
    prometheus = PrometheusMetrics.create();
    observa = Observa.builder().noDiscovery().metrics(prometheus).build();
    micrometer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    for (int i = 0; i < histograms; i++) {
      Histogram histogram = observa.histogram("bench.latency." + i).buckets(BUCKETS).register();
      DistributionSummary summary = DistributionSummary.builder("bench.latency." + i).serviceLevelObjectives(BUCKETS)
          .register(micrometer);
      for (int v = 0; v < 20; v++) {
        histogram.record(v * 0.37);
        summary.record(v * 0.37);
      }
    }
    for (int i = 0; i < counters; i++) {
      observa.counter("bench.requests." + i).register().increment(i);
      micrometer.counter("bench.requests." + i).increment(i);
    }
    server = MetricsHttpServer.builder(prometheus).host("127.0.0.1").port(0).start();
    plain = new LoopbackScraper(server.port(), "/metrics", null);
    gzip = new LoopbackScraper(server.port(), "/metrics", "gzip");
  }

  @TearDown
  public void tearDown() throws IOException {
    plain.close();
    gzip.close();
    server.close();
    observa.close();
    micrometer.close();
  }

  @Benchmark
  public long metricsHttpServerText() throws IOException {
    return plain.scrape();
  }

  @Benchmark
  public long metricsHttpServerTextGzip() throws IOException {
    return gzip.scrape();
  }

  @Benchmark
  public int observaTextIntoReusedBuffer() throws IOException {
    buffer.reset();
    prometheus.scrape("text/plain", buffer);
    return buffer.size();
  }

  @Benchmark
  public int observaOpenMetricsIntoReusedBuffer() throws IOException {
    buffer.reset();
    prometheus.scrape("application/openmetrics-text; version=1.0.0", buffer);
    return buffer.size();
  }

  @Benchmark
  public String micrometerText() {
    return micrometer.scrape();
  }

  @Benchmark
  public String micrometerOpenMetrics() {
    return micrometer.scrape("application/openmetrics-text; version=1.0.0");
  }
}
