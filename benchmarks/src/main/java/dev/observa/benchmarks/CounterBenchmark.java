package dev.observa.benchmarks;

import dev.observa.Observa;
import dev.observa.meter.Counter;
import dev.observa.metrics.PrometheusMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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

/** Scenario 1: counter increment with the handle resolved once. Floor: {@code LongAdder.increment()}. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CounterBenchmark {
  private Observa observa;
  private Counter observaCounter;
  private io.micrometer.core.instrument.Counter micrometerPrometheus;
  private io.micrometer.core.instrument.Counter micrometerSimple;
  private SdkMeterProvider otelProvider;
  private LongCounter otelCounter;
  private io.prometheus.metrics.core.metrics.Counter prometheusCounter;
  private final LongAdder floor = new LongAdder();

  @Setup
  public void setUp() {
    // built first: PrometheusMetrics installs prometheus-metrics' global span context supplier, so both
    // counters have exemplars on with the same source (no span is current here)
    observa = Observa.builder().noDiscovery().metrics(PrometheusMetrics.create()).build();
    observaCounter = observa.counter("bench.requests").register();
    micrometerPrometheus = io.micrometer.core.instrument.Counter.builder("bench.requests")
        .register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    micrometerSimple = io.micrometer.core.instrument.Counter.builder("bench.requests").register(new SimpleMeterRegistry());
    otelProvider = SdkMeterProvider.builder().registerMetricReader(new NoExportReader()).build();
    otelCounter = otelProvider.get("bench").counterBuilder("bench.requests").build();
    prometheusCounter = io.prometheus.metrics.core.metrics.Counter.builder().name("bench_requests").build();
  }

  @TearDown
  public void tearDown() {
    observa.close();
    otelProvider.close();
  }

  @Benchmark
  public void observa() {
    observaCounter.increment();
  }

  @Benchmark
  public void micrometerPrometheusRegistry() {
    micrometerPrometheus.increment();
  }

  @Benchmark
  public void micrometerSimpleRegistry() {
    micrometerSimple.increment();
  }

  @Benchmark
  public void openTelemetrySdk() {
    otelCounter.add(1, Attributes.empty());
  }

  @Benchmark
  public void prometheusMetrics() {
    prometheusCounter.inc();
  }

  @Benchmark
  public void floorLongAdder() {
    floor.increment();
  }
}
