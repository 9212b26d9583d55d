package dev.observa.benchmarks;

import dev.observa.Observa;
import dev.observa.meter.Histogram;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scenario 8: one scrape of 500 meters, 65% of them histograms with 14 buckets (325 histograms, 175
 * counters, one series each, every one recorded into), in the Prometheus text format and in OpenMetrics.
 * Observa's own registry against the same meters registered with Micrometer's
 * {@code PrometheusMeterRegistry}. Observa is measured both through {@code scrape(accept)} (a
 * {@code String}) and streaming into a reused buffer, which is what its {@code /metrics} server does.
 * B/op divided by the {@value #SERIES} exposed series (bucket, count and sum lines included) gives B/series.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScrapeBenchmark {
  static final int HISTOGRAMS = 325;
  static final int COUNTERS = 175;
  /** 325 × (15 buckets + count + sum) + 175 counters. */
  static final int SERIES = HISTOGRAMS * 17 + COUNTERS;
  private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};

  private Observa observa;
  private PrometheusMetrics prometheus;
  private PrometheusMeterRegistry micrometer;
  private final JsonEncodeBenchmark.ReusedBuffer buffer = new JsonEncodeBenchmark.ReusedBuffer();

  @Setup
  public void setUp() {
    prometheus = PrometheusMetrics.create();
    observa = Observa.builder().noDiscovery().metrics(prometheus).build();
    micrometer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    for (int i = 0; i < HISTOGRAMS; i++) {
      Histogram histogram = observa.histogram("bench.latency." + i).buckets(BUCKETS).register();
      DistributionSummary summary = DistributionSummary.builder("bench.latency." + i).serviceLevelObjectives(BUCKETS)
          .register(micrometer);
      for (int v = 0; v < 20; v++) {
        histogram.record(v * 0.37);
        summary.record(v * 0.37);
      }
    }
    for (int i = 0; i < COUNTERS; i++) {
      observa.counter("bench.requests." + i).register().increment(i);
      micrometer.counter("bench.requests." + i).increment(i);
    }
  }

  @TearDown
  public void tearDown() {
    observa.close();
    micrometer.close();
  }

  @Benchmark
  public String observaText() {
    return prometheus.scrape("text/plain").body();
  }

  @Benchmark
  public String observaOpenMetrics() {
    return prometheus.scrape("application/openmetrics-text; version=1.0.0").body();
  }

  @Benchmark
  public int observaTextIntoReusedBuffer() throws IOException {
    buffer.reset();
    prometheus.scrape("text/plain", buffer);
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
