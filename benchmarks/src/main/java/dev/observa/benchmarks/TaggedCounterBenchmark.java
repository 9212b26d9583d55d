package dev.observa.benchmarks;

import dev.observa.Observa;
import dev.observa.meter.CounterFamily;
import dev.observa.metrics.PrometheusMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scenario 2: counter increment with 2 tag values given per call, cycling over 100 live series
 * (10 methods × 10 statuses, the same {@code String} instances an application's constants would be).
 * Peers: Micrometer {@code registry.counter(name, tags…)} and {@code MeterProvider.withTags}, the
 * OpenTelemetry SDK with {@code Attributes.of} per call, prometheus-metrics {@code labelValues(…).inc()}.
 * Floor: picking the series from a pre-resolved array plus a {@code LongAdder} increment.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TaggedCounterBenchmark {
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
      "CONNECT", "PROPFIND"};
  private static final String[] STATUSES = {"200", "201", "204", "301", "304", "400", "401", "404", "500", "503"};
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("method");
  private static final AttributeKey<String> STATUS = AttributeKey.stringKey("status");

  private int next;
  private Observa observa;
  private CounterFamily observaFamily;
  private MeterRegistry micrometer;
  private io.micrometer.core.instrument.Meter.MeterProvider<io.micrometer.core.instrument.Counter> micrometerProvider;
  private SdkMeterProvider otelProvider;
  private LongCounter otelCounter;
  private io.prometheus.metrics.core.metrics.Counter prometheusCounter;
  private final LongAdder[] floor = new LongAdder[100];

  @Setup
  public void setUp() {
    observa = Observa.builder().noDiscovery().metrics(PrometheusMetrics.create()).build();
    observaFamily = observa.counter("bench.requests").registerFamily("method", "status");
    micrometer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    micrometerProvider = io.micrometer.core.instrument.Counter.builder("bench.provider.requests").withRegistry(micrometer);
    otelProvider = SdkMeterProvider.builder().registerMetricReader(new NoExportReader()).build();
    otelCounter = otelProvider.get("bench").counterBuilder("bench.requests").build();
    prometheusCounter = io.prometheus.metrics.core.metrics.Counter.builder().name("bench_requests")
        .labelNames("method", "status").build();
    for (int i = 0; i < floor.length; i++) {
      floor[i] = new LongAdder();
    }
    for (int i = 0; i < 100; i++) { // all 100 series live before measuring
      observa();
      micrometerRegistryCounter();
      micrometerMeterProvider();
      openTelemetrySdk();
      prometheusMetrics();
    }
  }

  @TearDown
  public void tearDown() {
    observa.close();
    otelProvider.close();
    micrometer.close();
  }

  private int series() {
    int i = next;
    next = i == 99 ? 0 : i + 1;
    return i;
  }

  @Benchmark
  public void observa() {
    int i = series();
    observaFamily.withTagValues(METHODS[i / 10], STATUSES[i % 10]).increment();
  }

  @Benchmark
  public void micrometerRegistryCounter() {
    int i = series();
    micrometer.counter("bench.requests", "method", METHODS[i / 10], "status", STATUSES[i % 10]).increment();
  }

  @Benchmark
  public void micrometerMeterProvider() {
    int i = series();
    micrometerProvider.withTags(Tags.of("method", METHODS[i / 10], "status", STATUSES[i % 10])).increment();
  }

  @Benchmark
  public void openTelemetrySdk() {
    int i = series();
    otelCounter.add(1, Attributes.of(METHOD, METHODS[i / 10], STATUS, STATUSES[i % 10]));
  }

  @Benchmark
  public void prometheusMetrics() {
    int i = series();
    prometheusCounter.labelValues(METHODS[i / 10], STATUSES[i % 10]).inc();
  }

  @Benchmark
  public void floorPreResolvedSeries() {
    floor[series()].increment();
  }
}
