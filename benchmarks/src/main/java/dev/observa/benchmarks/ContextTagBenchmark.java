package dev.observa.benchmarks;

import dev.observa.Observa;
import dev.observa.context.DeclaredKey;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import dev.observa.meter.Counter;
import dev.observa.meter.Histogram;
import dev.observa.metrics.PrometheusMetrics;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scenario 11: records whose series depends on the request's context: the tenant, declared with
 * {@code metricTagValues} (so it becomes a bounded {@code tenant} tag), read from the current context at
 * record time, cycling over 4 tenants (3 allowed, 1 folded into {@code other}). Reference: the same counter and
 * histogram without a context tag (the handle resolved once); floor {@code LongAdder}.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ContextTagBenchmark {
  private static final String[] TENANTS = {"acme", "globex", "initech", "unknown-tenant"};

  private Observa observa;
  private Observa reference;
  private Counter tagged;
  private Histogram taggedHistogram;
  private Counter plain;
  private Histogram plainHistogram;
  private ObservaContext[] contexts;
  private Scope scope;
  private int next;
  private final java.util.concurrent.atomic.LongAdder floor = new java.util.concurrent.atomic.LongAdder();

  @Setup
  public void setUp() {
    observa = Observa.builder().noDiscovery().metrics(PrometheusMetrics.create())
        .declare(DeclaredKey.builder("tenant").routes(Route.LOG).metricTagValues("acme", "globex", "initech").build())
        .build();
    tagged = observa.counter("orders").register();
    taggedHistogram = observa.histogram("order.latency").baseUnit("seconds").register();
    // the reference instruments live in a facade without the tag declaration
    reference = Observa.builder().noDiscovery().metrics(PrometheusMetrics.create()).build();
    plain = reference.counter("orders").register();
    plainHistogram = reference.histogram("order.latency").baseUnit("seconds").register();
    contexts = new ObservaContext[TENANTS.length];
    for (int i = 0; i < TENANTS.length; i++) {
      contexts[i] = ObservaContext.root().withTenant(TENANTS[i]);
    }
  }

  /** Each iteration runs under one tenant's context, as a request does; the tenants take turns. */
  @Setup(Level.Iteration)
  public void enterRequest() {
    scope = contexts[next++ % contexts.length].makeCurrent();
  }

  @TearDown(Level.Iteration)
  public void leaveRequest() {
    scope.close();
  }

  @TearDown
  public void tearDown() {
    observa.close();
    reference.close();
  }

  @Benchmark
  public void counterWithContextTag() {
    tagged.increment();
  }

  @Benchmark
  public void counterWithoutContextTag() {
    plain.increment();
  }

  @Benchmark
  public void histogramWithContextTag() {
    taggedHistogram.record(0.042);
  }

  @Benchmark
  public void histogramWithoutContextTag() {
    plainHistogram.record(0.042);
  }

  @Benchmark
  public void floorLongAdder() {
    floor.increment();
  }
}
