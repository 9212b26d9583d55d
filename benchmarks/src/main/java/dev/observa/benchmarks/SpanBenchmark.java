package dev.observa.benchmarks;

import dev.observa.Observa;
import dev.observa.trace.ActiveSpan;
import dev.observa.tracing.OtelTracing;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scenario 4: the spans of one request, as a server makes them, one trace per operation: a server root span
 * with 3 attributes, made current, and 3 child spans with 2 attributes each, all sampled and ended. Every
 * operation is a new trace, so the recent-trace store sees what it sees in a server.
 *
 * <p>{@code sink=memory}: as Observa ships without an exporter, every trace kept in the recent-trace store;
 * the raw SDK's peer has a {@code SimpleSpanProcessor} with a no-op exporter (it keeps nothing: the store's
 * work is extra). {@code sink=exporter}: an exporter configured (a no-op {@code SpanExporter} behind a
 * {@code BatchSpanProcessor} on both sides), the production case; the store then keeps its default sample of
 * 1 trace in 100. Micrometer's {@code Observation} with the tracing handler bridged to the raw SDK is the
 * other peer.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpanBenchmark {
  static final int CHILDREN = 3;

  @Param({"memory", "exporter"})
  public String sink;

  private Observa observa;
  private SdkTracerProvider raw;
  private Tracer rawTracer;
  private ObservationRegistry observations;

  @Setup
  public void setUp() {
    boolean exporting = sink.equals("exporter");
    OtelTracing.Builder tracing = OtelTracing.builder();
    if (exporting) {
      tracing.exporter(SpanExporter.composite());
    }
    observa = Observa.builder().noDiscovery().tracing(tracing.build()).build();
    SdkTracerProviderBuilder rawBuilder = SdkTracerProvider.builder();
    rawBuilder.addSpanProcessor(exporting ? BatchSpanProcessor.builder(SpanExporter.composite()).build()
        : SimpleSpanProcessor.create(SpanExporter.composite()));
    raw = rawBuilder.build();
    rawTracer = raw.get("bench");
    observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultTracingObservationHandler(
        new OtelTracer(rawTracer, new OtelCurrentTraceContext(), event -> {})));
  }

  @TearDown
  public void tearDown() {
    observa.close();
    raw.close();
  }

  @Benchmark
  public void observa() {
    try (ActiveSpan root = observa.span("GET /orders/{id}").kind(SpanKind.SERVER)
        .attribute("http.request.method", "GET").attribute("http.route", "/orders/{id}")
        .attribute("http.response.status_code", 200L).startActive()) {
      for (int i = 0; i < CHILDREN; i++) {
        observa.span("SELECT orders").attribute("db.system", "postgresql").attribute("attempt", 1L).start().end();
      }
    }
  }

  @Benchmark
  public void openTelemetrySdk() {
    Span root = rawTracer.spanBuilder("GET /orders/{id}").setSpanKind(SpanKind.SERVER)
        .setAttribute("http.request.method", "GET").setAttribute("http.route", "/orders/{id}")
        .setAttribute("http.response.status_code", 200L).startSpan();
    try (Scope scope = root.makeCurrent()) {
      for (int i = 0; i < CHILDREN; i++) {
        rawTracer.spanBuilder("SELECT orders").setAttribute("db.system", "postgresql").setAttribute("attempt", 1L)
            .startSpan().end();
      }
    } finally {
      root.end();
    }
  }

  @Benchmark
  public void micrometerObservation() {
    Observation root = Observation.createNotStarted("http.server.requests", observations)
        .contextualName("GET /orders/{id}").lowCardinalityKeyValue("http.request.method", "GET")
        .lowCardinalityKeyValue("http.route", "/orders/{id}").lowCardinalityKeyValue("http.response.status_code", "200")
        .start();
    try (Observation.Scope scope = root.openScope()) {
      for (int i = 0; i < CHILDREN; i++) {
        Observation.createNotStarted("SELECT orders", observations).lowCardinalityKeyValue("db.system", "postgresql")
            .highCardinalityKeyValue("attempt", "1").start().stop();
      }
    } finally {
      root.stop();
    }
  }
}
