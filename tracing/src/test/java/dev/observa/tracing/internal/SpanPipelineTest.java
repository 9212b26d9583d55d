package dev.observa.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.tracing.RecentTraces;
import dev.observa.tracing.RecordingSpanExporter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SDK's one processor reaches every part: counts, the recent-trace store, each exporter; flush and shutdown too. */
@Timeout(60)
class SpanPipelineTest {

  @Test
  void everyEndedSpanIsCountedKeptAndExportedToEachExporter() {
    SpanCounters counters = new SpanCounters();
    RecentTraces recent = new RecentTraces(10, 10);
    RecordingSpanExporter first = new RecordingSpanExporter();
    RecordingSpanExporter second = new RecordingSpanExporter();
    // batches that export only when flushed: what they export proves the flush reached them
    List<SpanProcessor> exporting = List.of(
        BatchSpanProcessor.builder(counters.counting(first)).setScheduleDelay(Duration.ofHours(1)).build(),
        BatchSpanProcessor.builder(counters.counting(second)).setScheduleDelay(Duration.ofHours(1)).build());
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(new SpanPipeline(counters, recent, exporting)).build();

    Span root = provider.get("test").spanBuilder("root").startSpan();
    provider.get("test").spanBuilder("child").setParent(io.opentelemetry.context.Context.root().with(root))
        .startSpan().end();
    root.end();
    String traceId = root.getSpanContext().getTraceId();
    assertThat(first.spans()).isEmpty();
    provider.forceFlush().join(10, TimeUnit.SECONDS);

    assertThat(counters.started()).isEqualTo(2);
    assertThat(counters.ended()).isEqualTo(2);
    assertThat(counters.exported()).isEqualTo(4);
    assertThat(first.spans()).extracting(SpanData::getName).containsExactly("child", "root");
    assertThat(second.spans()).extracting(SpanData::getName).containsExactly("child", "root");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (recent.trace(traceId).size() < 2 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(recent.trace(traceId)).extracting(SpanData::getName).containsExactlyInAnyOrder("child", "root");

    assertThat(provider.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(first.shutdowns()).isEqualTo(1);
    assertThat(second.shutdowns()).isEqualTo(1);
  }

  static final class RecordingProcessor implements SpanProcessor {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final boolean failing;

    RecordingProcessor(boolean failing) {
      this.failing = failing;
    }

    @Override
    public void onStart(io.opentelemetry.context.Context parentContext, ReadWriteSpan span) {
      calls.add("start " + span.getName());
      span.setAttribute("seen.by", "given");
      if (failing) {
        throw new IllegalStateException("boom on start");
      }
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      calls.add("end " + span.getName());
      if (failing) {
        throw new AssertionError("boom on end"); // an Error, not a VirtualMachineError: caught too
      }
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    @Override
    public CompletableResultCode shutdown() {
      calls.add("shutdown");
      return CompletableResultCode.ofSuccess();
    }
  }

  @Test
  void givenProcessorsRunInsideTheOneProcessorAndOneThatThrowsBreaksNeitherTheSpanNorTheOthers() {
    SpanCounters counters = new SpanCounters();
    RecordingSpanExporter exporter = new RecordingSpanExporter();
    RecordingProcessor failing = new RecordingProcessor(true);
    RecordingProcessor given = new RecordingProcessor(false);
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(new SpanPipeline(counters, new RecentTraces(10, 10), List.of(failing, given),
            List.of(SimpleSpanProcessor.create(counters.counting(exporter))))).build();

    provider.get("test").spanBuilder("work").startSpan().end();

    assertThat(failing.calls).containsExactly("start work", "end work");
    assertThat(given.calls).containsExactly("start work", "end work");
    assertThat(exporter.spans()).singleElement().satisfies(span -> {
      assertThat(span.getName()).isEqualTo("work");
      assertThat(span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("seen.by")))
          .isEqualTo("given");
    });
    assertThat(counters.started()).isEqualTo(1);
    assertThat(provider.shutdown().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(given.calls).endsWith("shutdown");
  }
}
