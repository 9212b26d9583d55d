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
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * work is extra). {@code sink=exporter}: an exporter configured (an exporter that only counts, behind a
 * {@code BatchSpanProcessor} on both sides), the production case; the store then keeps its default sample of
 * 1 trace in 100. Micrometer's {@code Observation} with the tracing handler bridged to the raw SDK is the
 * other peer.
 *
 * <p>With an exporter the operation is a server that keeps up with its spans, not one that overflows its
 * queue: one thread ending spans as fast as it can outruns the batch processor's worker whenever the scheduler
 * makes that worker wait (on 2 cores it dropped about 1 span in 10 with the default queue of 2048), and a
 * dropped span costs differently on each side (Observa counts it, the raw SDK's default meter does not). Both
 * processors get a queue of {@value #QUEUE} spans, and the run fails at tear-down if either side lost a span. On 2
 * vCPUs the worker only just keeps up with a thread that does nothing but make spans (about 2.7 million a second),
 * so a queue of 65,536 still overflowed in some forks on both sides (under 1 % of the spans, when the scheduler
 * held the worker back); the larger queue absorbs that, and a worker that falls behind for good still fails the
 * run.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpanBenchmark {
  static final int CHILDREN = 3;
  static final int QUEUE = 1 << 18;

  @Param({"memory", "exporter"})
  public String sink;

  private Observa observa;
  private SdkTracerProvider raw;
  private Tracer rawTracer;
  private ObservationRegistry observations;
  private final LongAdder observaExported = new LongAdder();
  private final LongAdder rawExported = new LongAdder();
  private long observaRequests;
  private long rawRequests;

  @Setup
  public void setUp() {
    boolean exporting = sink.equals("exporter");
    OtelTracing.Builder tracing = OtelTracing.builder();
    if (exporting) {
      tracing.exporter(counting(observaExported)).queueSize(QUEUE);
    }
    observa = Observa.builder().noDiscovery().tracing(tracing.build()).build();
    SdkTracerProviderBuilder rawBuilder = SdkTracerProvider.builder();
    rawBuilder.addSpanProcessor(exporting ? BatchSpanProcessor.builder(counting(rawExported)).setMaxQueueSize(QUEUE)
        .build() : SimpleSpanProcessor.create(SpanExporter.composite()));
    raw = rawBuilder.build();
    rawTracer = raw.get("bench");
    observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultTracingObservationHandler(
        new OtelTracer(rawTracer, new OtelCurrentTraceContext(), event -> {})));
  }

  /** @return an exporter that counts the spans it is given, on the batch processor's worker */
  private static SpanExporter counting(LongAdder exported) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        exported.add(spans.size());
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }

  @TearDown
  public void tearDown() {
    observa.close();
    raw.close();
    if (sink.equals("exporter")) {
      lost("Observa", observaRequests, observaExported.sum());
      lost("the raw SDK", rawRequests, rawExported.sum());
    }
  }

  /** Fails the run when a batch processor dropped spans: the scenario is a server that keeps up. */
  private static void lost(String side, long requests, long exported) {
    long ended = requests * (CHILDREN + 1);
    if (exported < ended) {
      throw new IllegalStateException(side + " exported " + exported + " of " + ended + " spans: its batch "
          + "processor dropped some, so this run measured an overflowing queue, not a server that keeps up");
    }
  }

  @Benchmark
  public void observa() {
    observaRequests++;
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
    rawRequests++;
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
