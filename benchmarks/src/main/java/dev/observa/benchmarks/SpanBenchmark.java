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
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
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
 * work is extra). {@code sink=exporter}: an exporter configured (behind a {@code BatchSpanProcessor} on both
 * sides), the production case; the store then keeps its default sample of 1 trace in 100. The exporter reads of
 * each span what every real exporter's serializer reads first (ids, name, kind, times; it encodes nothing) and
 * counts: an exporter that read nothing made any read of the spans on the worker, such as the store's look at
 * each trace id, a cache miss no real exporter leaves to it (interleaved runs with that exporter: Observa with its
 * store fed 1.09 x raw OpenTelemetry, not fed 1.02 x; with this one 1.04 and 1.07 x). Micrometer's
 * {@code Observation} with the tracing handler bridged to the raw SDK is the other peer.
 *
 * <p>With an exporter the operation is a server that keeps up with its spans, not one that overflows its
 * queue: one thread ending spans as fast as it can outruns the batch processor's worker whenever the scheduler
 * makes that worker wait (on 2 vCPUs the worker only just keeps up with a thread that does nothing but make
 * spans, millions a second), and a server whose offered load outruns its exporter is a different
 * measurement: its queue fills, every queued span stays live (hundreds of MB at a queue of 262,144, which the
 * young collections then copy), and the run measured the collector and the drops, not the request (forks of either
 * side fell into that state and stayed there, up to 8 x slower). So both sides hold their offered load to what
 * their worker exports: every {@value #PACE_EVERY} requests the thread looks at how many spans it ended and
 * its exporter has not yet been given, and while that backlog is above {@value #MAX_BACKLOG} spans it waits
 * (spinning) for the worker. Where the worker keeps up the wait never happens and the figure is the request
 * thread's time; where it does not, the figure is the time per request the worker sustains, which is what a
 * server with one request thread could offer. Both processors get a queue of {@value #QUEUE} spans, more than the
 * backlog can reach, and the run fails at tear-down if either side lost a span anyway, or if a worker made no
 * progress for {@value #STALL_SECONDS} s.
 *
 * <p>{@code sink=held}, for {@code benchmarks/callgrind.sh} only (not a JMH row: a queue that only fills): the
 * exporter's batch processor on both sides with a schedule delay of an hour and a batch of the whole queue, so its
 * worker sleeps while the request thread's instructions are counted (callgrind, one thread at a time, crashes with the
 * worker running), and no pacing. The queue of {@value #QUEUE} spans holds 65,536 requests: warm up and count fewer
 * ({@code WARM=40000 OPS=10000}).
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpanBenchmark {
  static final int CHILDREN = 3;
  static final int QUEUE = 1 << 18;
  static final int PACE_EVERY = 256;
  static final long MAX_BACKLOG = 1 << 14;
  static final long STALL_SECONDS = 10;
  static final Duration HELD = Duration.ofHours(1);
  static volatile long readSink;

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
  private boolean exporting;
  private long observaWaited;
  private long rawWaited;

  @Setup
  public void setUp() {
    exporting = sink.equals("exporter");
    boolean held = sink.equals("held");
    OtelTracing.Builder tracing = OtelTracing.builder();
    if (exporting || held) {
      tracing.exporter(reading(observaExported)).queueSize(QUEUE);
    }
    if (held) {
      tracing.otelProperty("otel.bsp.schedule.delay", HELD.toMillis() + "ms")
          .otelProperty("otel.bsp.max.export.batch.size", String.valueOf(QUEUE));
    }
    observa = Observa.builder().noDiscovery().tracing(tracing.build()).build();
    SdkTracerProviderBuilder rawBuilder = SdkTracerProvider.builder();
    BatchSpanProcessorBuilder batch = BatchSpanProcessor.builder(reading(rawExported)).setMaxQueueSize(QUEUE);
    if (held) {
      batch.setScheduleDelay(HELD).setMaxExportBatchSize(QUEUE);
    }
    rawBuilder.addSpanProcessor(exporting || held ? batch.build()
        : SimpleSpanProcessor.create(SpanExporter.composite()));
    raw = rawBuilder.build();
    rawTracer = raw.get("bench");
    observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultTracingObservationHandler(
        new OtelTracer(rawTracer, new OtelCurrentTraceContext(), event -> {})));
  }

  /**
   * @return an exporter that reads what every real exporter's serializer reads first of each span it is given (the
   *     trace and span ids, the parent's span id, the name, kind and times: OTLP, Zipkin and Jaeger all write them),
   *     without encoding it, and counts the spans, on the batch processor's worker
   */
  private static SpanExporter reading(LongAdder exported) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        long read = 0;
        for (SpanData span : spans) {
          read += span.getTraceId().charAt(31) + span.getSpanId().charAt(15)
              + span.getParentSpanContext().getSpanId().charAt(15) + span.getName().length()
              + span.getKind().ordinal() + span.getStartEpochNanos() + span.getEndEpochNanos();
        }
        exported.add(spans.size());
        readSink = read; // what was read is used, so the reads stay
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
    if (exporting) {
      waited("Observa", observaRequests, observaWaited);
      waited("the raw SDK", rawRequests, rawWaited);
      lost("Observa", observaRequests, observaExported.sum());
      lost("the raw SDK", rawRequests, rawExported.sum());
    }
  }

  /** Prints how long the request thread waited for the worker, in the fork's output, to tell the two cases apart. */
  private static void waited(String side, long requests, long nanos) {
    if (requests > 0) {
      System.out.printf("%n%s waited for its batch worker %d ms in %d requests%n", side, nanos / 1_000_000, requests);
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

  /**
   * Waits while the spans ended and not yet exported are more than {@value #MAX_BACKLOG}: the offered load held to
   * what the worker exports (see the class comment). Looked at once in {@value #PACE_EVERY} requests, the same way
   * on both sides.
   */
  private static long keepUp(long requests, LongAdder exported) {
    long ended = requests * (CHILDREN + 1);
    long seen = exported.sum();
    if (ended - seen <= MAX_BACKLOG) {
      return 0;
    }
    long start = System.nanoTime();
    long since = start;
    while (ended - seen > MAX_BACKLOG) {
      Thread.onSpinWait();
      long now = exported.sum();
      if (now != seen) {
        seen = now;
        since = System.nanoTime();
      } else if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
        throw new IllegalStateException("the batch worker exported nothing for " + STALL_SECONDS + " s with "
            + (ended - seen) + " spans waiting");
      }
    }
    return System.nanoTime() - start;
  }

  @Benchmark
  public void observa() {
    if ((++observaRequests & (PACE_EVERY - 1)) == 0 && exporting) {
      observaWaited += keepUp(observaRequests, observaExported);
    }
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
    if ((++rawRequests & (PACE_EVERY - 1)) == 0 && exporting) {
      rawWaited += keepUp(rawRequests, rawExported);
    }
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
