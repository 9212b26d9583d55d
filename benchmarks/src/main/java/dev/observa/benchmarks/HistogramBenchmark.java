package dev.observa.benchmarks;

import dev.observa.Observa;
import dev.observa.meter.Buckets;
import dev.observa.meter.Histogram;
import dev.observa.metrics.PrometheusMetrics;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scenario 3: one record into 14 explicit buckets, with and without a current sampled span (the exemplar
 * path), of latencies drawn from a log-normal distribution (median 40 ms; {@link #VALUES}), so records spread
 * over the buckets as a server's do. Floor: the bucket search plus two adds. The instruments are shared by all measuring threads
 * (run with {@code -t 2} for the contended case); the current span is per thread.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HistogramBenchmark {
  private static final double[] BOUNDS = Buckets.DEFAULT_LATENCY_SECONDS.stream().mapToDouble(Double::doubleValue).toArray();
  /** Latencies in seconds, log-normal around a 40 ms median (p99 about 0.4 s, a few beyond 1 s), fixed seed. */
  static final double[] VALUES = latencies(4096);
  /** The same latencies in nanoseconds, for Micrometer's {@code Timer}. */
  static final long[] NANOS = Arrays.stream(VALUES).mapToLong(v -> (long) (v * 1e9)).toArray();

  static double[] latencies(int n) {
    java.util.Random random = new java.util.Random(3);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = Math.exp(Math.log(0.040) + random.nextGaussian());
    }
    return values;
  }

  private Observa observa;
  private Histogram observaHistogram;
  private Timer micrometerTimer;
  private DistributionSummary micrometerSummary;
  private SdkMeterProvider otelProvider;
  private DoubleHistogram otelHistogram;
  private io.prometheus.metrics.core.metrics.Histogram prometheusHistogram;
  private final LongAdder[] floorBuckets = new LongAdder[BOUNDS.length + 1];
  private final DoubleAdder floorSum = new DoubleAdder();

  /** Each measuring thread's current context: with or without a sampled span (the exemplar path). */
  @State(org.openjdk.jmh.annotations.Scope.Thread)
  public static class CurrentSpan {
    @Param({"false", "true"})
    public boolean sampledSpan;

    private Scope span;
    private int next;

    /** @return the next value's index (each thread cycles through the values on its own) */
    int next() {
      int i = next;
      next = (i + 1) & (VALUES.length - 1);
      return i;
    }

    @Setup(Level.Iteration)
    public void enterSpan() {
      if (sampledSpan) {
        span = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
            TraceFlags.getSampled(), TraceState.getDefault())).makeCurrent();
      }
    }

    @TearDown(Level.Iteration)
    public void leaveSpan() {
      if (span != null) {
        span.close();
        span = null;
      }
    }
  }

  @Setup
  public void setUp() {
    observa = Observa.builder().noDiscovery().metrics(PrometheusMetrics.create()).build();
    observaHistogram = observa.histogram("bench.latency").baseUnit("seconds").register();
    PrometheusMeterRegistry micrometer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    micrometerTimer = Timer.builder("bench.timer").serviceLevelObjectives(
        Arrays.stream(BOUNDS).mapToObj(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new)).register(micrometer);
    micrometerSummary = DistributionSummary.builder("bench.summary").serviceLevelObjectives(BOUNDS).register(micrometer);
    otelProvider = SdkMeterProvider.builder().registerMetricReader(new NoExportReader()).build();
    otelHistogram = otelProvider.get("bench").histogramBuilder("bench.latency")
        .setExplicitBucketBoundariesAdvice(Buckets.DEFAULT_LATENCY_SECONDS).build();
    prometheusHistogram = io.prometheus.metrics.core.metrics.Histogram.builder().name("bench_latency_seconds")
        .classicOnly().classicUpperBounds(BOUNDS).build();
    for (int i = 0; i < floorBuckets.length; i++) {
      floorBuckets[i] = new LongAdder();
    }
  }

  @TearDown
  public void tearDown() {
    observa.close();
    otelProvider.close();
  }

  @org.openjdk.jmh.annotations.Benchmark
  public void observa(CurrentSpan context) {
    observaHistogram.record(VALUES[context.next()]);
  }

  @org.openjdk.jmh.annotations.Benchmark
  public void micrometerTimer(CurrentSpan context) {
    micrometerTimer.record(NANOS[context.next()], TimeUnit.NANOSECONDS);
  }

  @org.openjdk.jmh.annotations.Benchmark
  public void micrometerDistributionSummary(CurrentSpan context) {
    micrometerSummary.record(VALUES[context.next()]);
  }

  @org.openjdk.jmh.annotations.Benchmark
  public void openTelemetrySdk(CurrentSpan context) {
    otelHistogram.record(VALUES[context.next()], Attributes.empty());
  }

  @org.openjdk.jmh.annotations.Benchmark
  public void prometheusMetricsClassic(CurrentSpan context) {
    prometheusHistogram.observe(VALUES[context.next()]);
  }

  /**
   * The floor: the cheapest bucket search for 14 bounds plus the two adds every side makes. The search is a linear
   * scan, as Observa's for up to 16 bounds: on log-normal latencies it beats {@code Arrays.binarySearch} (which
   * this floor used until Observa came out below it, 12.5 vs 14.3 ns on one VM: a floor some side can beat is not
   * a floor).
   */
  @org.openjdk.jmh.annotations.Benchmark
  public void floorBucketSearchAndTwoAdds(CurrentSpan context) {
    double value = VALUES[context.next()];
    int i = 0;
    while (i < BOUNDS.length && value > BOUNDS[i]) {
      i++;
    }
    floorBuckets[i].increment();
    floorSum.add(value);
  }
}
