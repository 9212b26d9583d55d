package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.Observa;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The recent-trace store keeps every trace while spans go nowhere else, and a sample chosen by trace id once an
 * exporter is configured (issue 19: a production request must not pay for it); builder > observa.* > default.
 */
@Timeout(60)
class RecentTracesSampleTest {

  private static void trace(Tracer tracer, String traceId, int spans) {
    SpanContext remote = SpanContext.createFromRemoteParent(traceId, "00f067aa0ba902b7", TraceFlags.getSampled(),
        TraceState.getDefault());
    Span root = tracer.spanBuilder("GET /orders").setParent(Context.root().with(Span.wrap(remote))).startSpan();
    for (int i = 1; i < spans; i++) {
      tracer.spanBuilder("child " + i).setParent(Context.root().with(root)).startSpan().end();
    }
    root.end();
  }

  @Test
  void aSampleKeepsTracesWholeOrNotAtAllByTheirIds() {
    RecentTraces recent = RecentTraces.builder().maxTraces(1000).sampleRatio(0.25).build();
    try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(recent).build()) {
      Tracer tracer = provider.get("test");
      for (int i = 0; i < 400; i++) {
        trace(tracer, String.format(Locale.ROOT, "%028x%04x", 0xabc + i, i * 163 % 65536), 3);
      }
      int kept = recent.traceIds().size();
      assertThat(kept).isBetween(70, 130); // 400 × 0.25, the low 16 bits spread evenly over [0, 65536)
      for (String id : recent.traceIds()) {
        assertThat(recent.trace(id)).hasSize(3);
        assertThat(Integer.parseInt(id.substring(28), 16)).isLessThan(65536 / 4);
      }
      assertThat(recent.droppedSpans()).isZero(); // not kept by choice is not a loss
    }
  }

  @Test
  void ratioZeroKeepsNothingAndOneKeepsEverything() {
    RecentTraces none = RecentTraces.builder().sampleRatio(0).build();
    RecentTraces all = RecentTraces.builder().build();
    try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(none).addSpanProcessor(all).build()) {
      for (int i = 0; i < 50; i++) {
        trace(provider.get("test"), String.format(Locale.ROOT, "%032x", 0x5000 + i * 977), 2);
      }
      assertThat(none.traceIds()).isEmpty();
      assertThat(all.traceIds()).hasSize(50);
    }
    assertThatIllegalArgumentException().isThrownBy(() -> RecentTraces.builder().sampleRatio(1.5))
        .withMessageContaining("1.5");
  }

  @Test
  void withoutAnExporterEveryTraceIsKeptWithOneASampleUnlessARatioIsSet() {
    try (Observa dev = Observa.builder().noDiscovery().tracing(OtelTracing.builder().build()).build()) {
      assertThat(dev.unwrap(RecentTraces.class).sampleRatio()).isEqualTo(1.0);
    }
    try (Observa prod = Observa.builder().noDiscovery()
        .tracing(OtelTracing.builder().exporters("console").build()).build()) {
      assertThat(prod.unwrap(RecentTraces.class).sampleRatio()).isEqualTo(RecentTraces.EXPORTING_SAMPLE_RATIO);
      assertThat(prod.unwrap(RecentTraces.class).maxTracesPerSecond()).isEqualTo(20); // a fifth of 100 traces
    }
    OtelTracing chosen = OtelTracing.builder().exporters("console")
        .properties(Map.of("observa.tracing.recent-traces-sample-ratio", "0.5",
            "observa.tracing.recent-traces-max-bytes", "1048576"))
        .recentTracesSampleRatio(0.25).build();
    try (Observa obs = Observa.builder().noDiscovery().tracing(chosen).build()) {
      RecentTraces recent = obs.unwrap(RecentTraces.class);
      assertThat(recent.sampleRatio()).isEqualTo(0.25);     // builder over observa.*
      assertThat(recent.maxTracesPerSecond()).isZero();     // a ratio that is set is kept whatever the rate
      assertThat(recent.maxBytes()).isEqualTo(1L << 20);    // observa.* over the default
    }
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder().recentTracesMaxBytes(1000))
        .withMessageContaining("recentTracesMaxBytes").withMessageContaining("1000");
  }

  @Test
  void withAnExporterTheStoreIsFedFromTheExportedBatchesNotOnTheThreadThatEndsTheSpan() {
    RecordingSpanExporter failing = RecordingSpanExporter.failing(); // a dead backend: every export fails
    OtelTracing tracing = OtelTracing.builder().exporter(failing).recentTracesSampleRatio(1.0)
        .otelProperty("otel.bsp.schedule.delay", "60000").build(); // the batch waits: nothing exported yet
    try (Observa obs = Observa.builder().noDiscovery().tracing(tracing).build()) {
      RecentTraces recent = obs.unwrap(RecentTraces.class);
      String traceId;
      try (ActiveSpan root = obs.span("GET /orders").startActive()) {
        obs.span("SELECT orders").start().end();
        traceId = root.span().getSpanContext().getTraceId();
      }
      assertThat(recent.contains(traceId)).as("ended, but not yet handed to the exporter").isFalse();

      obs.unwrap(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);

      assertThat(failing.batchSizes()).isNotEmpty();
      assertThat(recent.trace(traceId)).extracting(SpanData::getName)
          .as("kept from the batch, before the exporter failed it").containsExactly("SELECT orders", "GET /orders");
      assertThat(recent.droppedSpans()).isZero();
    }
  }

  @Test
  void aStoreFedByExportsIsNeverCalledByTheSdkAndKeepsASampleOfTheExportedSpansByDefault() {
    RecentTraces fed = RecentTraces.builder().maxTraces(200).fedByExports().build();
    assertThat(fed.isEndRequired()).as("the SDK skips a processor that requires no end").isFalse();
    assertThat(fed.sampleRatio()).isEqualTo(RecentTraces.EXPORTING_SAMPLE_RATIO);
    assertThat(fed.maxTracesPerSecond()).isEqualTo(40); // a fifth of 200 traces
    RecentTraces chosen = RecentTraces.builder().sampleRatio(1).fedByExports().build();
    assertThat(chosen.sampleRatio()).isEqualTo(1.0); // a ratio that is set is kept as set
    assertThat(chosen.maxTracesPerSecond()).isZero();
    RecordingSpanExporter exporter = new RecordingSpanExporter();
    // registered as a span processor beside the exporter's (as Spring Boot registers every SpanProcessor bean)
    try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(chosen)
        .addSpanProcessor(io.opentelemetry.sdk.trace.export.SimpleSpanProcessor.create(exporter)).build()) {
      String traceId = String.format(Locale.ROOT, "%032x", 0x77);
      trace(provider.get("test"), traceId, 2);
      assertThat(exporter.batchSizes()).containsExactly(1, 1);
      assertThat(chosen.contains(traceId)).as("ended as a processor: not kept").isFalse();
      chosen.onEnd(null); // a caller that ignores isEndRequired gets nothing kept either (and no failure)

      chosen.keepExported(exporter.spans());

      assertThat(chosen.trace(traceId)).extracting(SpanData::getName).containsExactly("child 1", "GET /orders");
    }
  }

  /** Ids whose last 16 bits spread evenly over [0, 65536), a new block of high bits for each call. */
  private static int feed(Tracer tracer, RecentTraces recent, int block, int traces) {
    for (int i = 0; i < traces; i++) {
      trace(tracer, String.format(Locale.ROOT, "%028x%04x", block * 100_000 + i + 1, i * 65536 / traces), 2);
    }
    return recent.traceIds().size(); // takes in what is queued
  }

  @Test
  void aSampleHeldToARateKeepsAboutThatManyTracesASecondAndComesBackWhenTrafficFalls() {
    AtomicLong clock = new AtomicLong();
    RecentTraces recent = RecentTraces.builder().maxTraces(10_000).maxBytes(64L << 20).maxTracesPerSecond(10)
        .nanoTime(clock::get).build();
    try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(recent).build()) {
      Tracer tracer = provider.get("test");
      assertThat(feed(tracer, recent, 1, 100)).isEqualTo(100); // within the first second: every trace
      clock.addAndGet(1_000_000_000L);
      feed(tracer, recent, 2, 1); // closes the window: 101 traces in a second, 10 wanted
      assertThat(recent.currentSampleRatio()).isBetween(0.09, 0.11);
      assertThat(recent.sampleRatio()).isEqualTo(1.0);

      recent.clear();
      int kept = feed(tracer, recent, 3, 400);
      assertThat(kept).isBetween(30, 50); // 400 traces at ~1 in 10
      for (String id : recent.traceIds()) {
        assertThat(recent.trace(id)).hasSize(2); // whole
      }

      clock.addAndGet(100_000_000_000L); // a quiet minute and more: one trace in 100 s
      recent.clear();
      trace(tracer, String.format(Locale.ROOT, "%028x%04x", 0x9000, 0), 2); // low 16 bits 0: kept at any share
      recent.traceIds();
      assertThat(recent.currentSampleRatio()).isEqualTo(1.0); // back up to the ratio given, no higher
    }
  }

  @Test
  void aNegativeRateIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> RecentTraces.builder().maxTracesPerSecond(-1))
        .withMessageContaining("maxTracesPerSecond");
  }
}
