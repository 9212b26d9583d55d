package dev.observa.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An exporter that throws anything short of a VirtualMachineError never kills the export worker (issue 14). */
@Timeout(60)
class SpanCountersTest {

  /** Throws {@code NoClassDefFoundError} on its first two exports (a missing optional dependency), then works. */
  static final class BrokenThenHealedExporter implements SpanExporter {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      if (calls.incrementAndGet() <= 2) {
        throw new NoClassDefFoundError("com/example/MissingCodec");
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      throw new AssertionError("flush");
    }

    @Override
    public CompletableResultCode shutdown() {
      throw new LinkageError("shutdown");
    }
  }

  @Test
  void anExporterThrowingNoClassDefFoundErrorIsCountedAndTheWorkerKeepsExporting() throws Exception {
    SpanCounters counters = new SpanCounters();
    BrokenThenHealedExporter exporter = new BrokenThenHealedExporter();
    SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(counters)
        .addSpanProcessor(BatchSpanProcessor.builder(counters.counting(exporter))
            .setScheduleDelay(Duration.ofMillis(10)).setMaxExportBatchSize(1).build())
        .build();
    for (int i = 0; i < 5; i++) {
      provider.get("guard").spanBuilder("span-" + i).startSpan().end();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (counters.exported() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(counters.exportFailed()).isEqualTo(2);
    assertThat(counters.exported()).isEqualTo(3);
    assertThat(provider.forceFlush().join(10, TimeUnit.SECONDS).isDone()).isTrue();
    assertThat(provider.shutdown().join(10, TimeUnit.SECONDS).isDone()).isTrue();
  }

  @Test
  void theBackendsDropSummaryCountsFailedExportsAndTheTraceStoresLossesForTheCloseSummary() {
    dev.observa.Observa obs = dev.observa.Observa.builder().noDiscovery()
        .tracing(dev.observa.tracing.OtelTracing.builder()
            .exporter(new BrokenThenHealedExporter()).build())
        .build();
    for (int i = 0; i < 3; i++) {
      obs.span("lost").start().end();
    }
    dev.observa.spi.TracingBackend backend = obs.unwrap(dev.observa.spi.TracingBackend.class);
    obs.close(); // flushes: the exporter throws on its first call
    assertThat(backend.dropSummary()).containsKeys("queue_full", "export_failed", "recent_trace_full",
        "recent_queue_full", "recent_evicted_traces");
    assertThat(backend.dropSummary().get("export_failed")).isPositive();
  }

  @Test
  void anExporterReturningNullCountsAFailure() {
    SpanCounters counters = new SpanCounters();
    SpanExporter wrapped = counters.counting(new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        return null;
      }

      @Override
      public CompletableResultCode flush() {
        return null;
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    });
    assertThat(wrapped.export(java.util.List.of()).isSuccess()).isFalse();
    assertThat(wrapped.flush().isSuccess()).isFalse();
  }

  /** Blocks every export until released, and fails the ones it is told to: a slow, then a failing, backend. */
  static final class GateExporter implements SpanExporter {
    final java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);
    volatile boolean failing;

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      try {
        open.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return failing ? CompletableResultCode.ofFailure() : CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(io.opentelemetry.sdk.common.InternalTelemetryVersion.class)
  void spansABatchProcessorDropsForAFullQueueAreCountedAndFailedExportsAreNot(
      io.opentelemetry.sdk.common.InternalTelemetryVersion version) {
    SpanCounters counters = new SpanCounters();
    GateExporter exporter = new GateExporter();
    exporter.failing = true;
    SdkTracerProvider provider = SdkTracerProvider.builder()
        .addSpanProcessor(BatchSpanProcessor.builder(exporter).setMaxQueueSize(8).setMaxExportBatchSize(4)
            .setMeterProvider(counters.meterProvider()).setInternalTelemetryVersion(version).build())
        .build();
    for (int i = 0; i < 1_000; i++) {
      provider.get("drops").spanBuilder("span-" + i).startSpan().end();
    }
    exporter.open.countDown(); // every export from now on fails: a failure is not a drop
    assertThat(provider.shutdown().join(30, TimeUnit.SECONDS).isDone()).isTrue();
    // the worker holds at most one batch and the queue 8 spans: all the others were dropped
    assertThat(counters.droppedQueueFull()).isBetween(1_000L - 8 - 4 - 4, 1_000L - 8);
  }

  @Test
  void aGivenExportersDropsReachTheSelfMetricsAndTheCloseSummary() {
    GateExporter exporter = new GateExporter();
    dev.observa.Observa obs = dev.observa.Observa.builder().noDiscovery()
        .tracing(dev.observa.tracing.OtelTracing.builder().exporter(exporter).queueSize(8).build())
        .build();
    for (int i = 0; i < 1_000; i++) {
      obs.span("dropped").start().end();
    }
    dev.observa.spi.TracingBackend backend = obs.unwrap(dev.observa.spi.TracingBackend.class);
    assertThat(obs.unwrap(SpanCounters.class).droppedQueueFull()).isGreaterThan(900);
    exporter.open.countDown();
    obs.close();
    assertThat(backend.dropSummary().get("queue_full")).isGreaterThan(900);
  }
}
