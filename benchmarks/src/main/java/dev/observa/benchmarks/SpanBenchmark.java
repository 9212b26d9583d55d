package dev.observa.benchmarks;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;

import dev.observa.Observa;
import dev.observa.tracing.OtelTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scenario 4: start a sampled span with 2 attributes under a current parent, then end it. Peers: the raw
 * OpenTelemetry SDK, and Micrometer's {@code Observation} with the tracing handler bridged onto that SDK.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpanBenchmark {
  private Observa observa;
  private SdkTracerProvider raw;
  private Tracer rawTracer;
  private Span parent;
  private Scope scope;
  private ObservationRegistry observations;

  @Setup
  public void setUp() {
    observa = Observa.builder().noDiscovery().tracing(OtelTracing.builder().build()).build();
    raw = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build();
    rawTracer = raw.get("bench");
    observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultTracingObservationHandler(
        new OtelTracer(rawTracer, new OtelCurrentTraceContext(), event -> {})));
  }

  @Setup(Level.Iteration)
  public void enterParent() {
    parent = rawTracer.spanBuilder("parent").startSpan();
    scope = parent.makeCurrent();
  }

  @TearDown(Level.Iteration)
  public void leaveParent() {
    scope.close();
    parent.end();
  }

  @TearDown
  public void tearDown() {
    observa.close();
    raw.close();
  }

  @Benchmark
  public void observa() {
    observa.span("child").attribute("http.route", "/hello").attribute("attempt", 3L).start().end();
  }

  @Benchmark
  public void openTelemetrySdk() {
    rawTracer.spanBuilder("child").setAttribute("http.route", "/hello").setAttribute("attempt", 3L).startSpan().end();
  }

  @Benchmark
  public void micrometerObservation() {
    Observation.createNotStarted("child", observations).lowCardinalityKeyValue("http.route", "/hello")
        .highCardinalityKeyValue("attempt", "3").start().stop();
  }
}
