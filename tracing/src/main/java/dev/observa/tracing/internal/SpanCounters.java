package dev.observa.tracing.internal;

import dev.observa.tracing.internal.GuardedExport;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The tracing self-metrics: spans started and ended (a span processor, counting in {@link OwnedCounter}s, as this
 * runs twice for every span on the request thread), spans exported and failed
 * (an exporter wrapper), and spans the batch processors dropped because their queue was full: counted by the meter
 * provider Observa gives the processors it builds ({@link #meterProvider()}), and read from the metrics that
 * autoconfigure's processors report to the SDK's meter provider, through a metric reader of our own.
 */
public final class SpanCounters implements SpanProcessor, dev.observa.tracing.SpanStats {
  private final OwnedCounter started = new OwnedCounter(); // on every span's start and end: no atomic per span
  private final OwnedCounter ended = new OwnedCounter();
  final LongAdder exported = new LongAdder();
  final LongAdder exportFailed = new LongAdder();
  final LongAdder droppedQueueFull = new LongAdder();
  final BatchMetricsReader sdkBatchMetrics = new BatchMetricsReader();

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    started.increment();
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    ended.increment();
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /**
   * @param exporter an exporter
   * @return it, counting what it exports and what fails; whatever it throws (an {@code Error} such as
   *     {@code NoClassDefFoundError} included, a {@link VirtualMachineError} excepted) is counted, reported at
   *     most once a minute and turned into a failed result, so the batch processor's worker never dies of it
   */
  public SpanExporter counting(SpanExporter exporter) {
    return counting(exporter, () -> null);
  }

  /**
   * @param exporter an exporter
   * @param store where the spans it is given are also kept (the recent-trace store, fed off the request thread);
   *     answers null while there is none
   * @return as {@link #counting(SpanExporter)}; the spans go to the store first, so a failing exporter's spans are
   *     kept too
   */
  public SpanExporter counting(SpanExporter exporter, Supplier<RecentTraces> store) {
    GuardedExport guard = new GuardedExport("span", "spans", "span.exporter", exporter);
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        RecentTraces recent = store.get();
        if (recent != null) {
          recent.keepExported(spans);
        }
        return guard.export(spans.size(), () -> exporter.export(spans), exported, exportFailed);
      }

      @Override
      public CompletableResultCode flush() {
        return guard.call("flush", exporter::flush);
      }

      @Override
      public CompletableResultCode shutdown() {
        return guard.call("shutdown", exporter::shutdown);
      }
    };
  }

  /**
   * @return the meter provider for the batch processors Observa builds, which counts the spans they drop into
   *     this object ({@link DropCountingMeterProvider}: one add per dropped span on the request thread)
   */
  public MeterProvider meterProvider() {
    return new DropCountingMeterProvider(droppedQueueFull);
  }

  /** @return a reader for the autoconfigured SDK's meter provider, which its batch processors report to */
  public MetricReader sdkReader() {
    return sdkBatchMetrics;
  }

  /** @return spans started */
  @Override
  public long started() {
    return started.sum();
  }

  /** @return spans ended */
  @Override
  public long ended() {
    return ended.sum();
  }

  /** @return spans an exporter accepted */
  @Override
  public long exported() {
    return exported.sum();
  }

  /** @return spans an exporter failed to send */
  @Override
  public long exportFailed() {
    return exportFailed.sum();
  }

  /** @return spans dropped by batch processors because their queue was full */
  @Override
  public long droppedQueueFull() {
    return droppedQueueFull.sum() + sdkBatchMetrics.droppedSpans();
  }

  /**
   * Reads the SDK batch span processors' drops: {@code processedSpans{dropped=true}} (the SDK's legacy
   * telemetry) or {@code otel.sdk.processor.span.processed} with {@code error.type=queue_full} (semantic
   * conventions), the rule of {@link DropCountingMeterProvider#isDrop}.
   */
  static final class BatchMetricsReader implements MetricReader {
    private volatile CollectionRegistration registration;

    @Override
    public void register(CollectionRegistration registration) {
      this.registration = registration;
    }

    long droppedSpans() {
      CollectionRegistration current = registration;
      if (current == null) {
        return 0;
      }
      long dropped = 0;
      for (MetricData metric : current.collectAllMetrics()) {
        String name = metric.getName();
        if (!name.equals(DropCountingMeterProvider.LEGACY_PROCESSED) && !name.equals(DropCountingMeterProvider.PROCESSED)) {
          continue;
        }
        for (LongPointData point : metric.getLongSumData().getPoints()) {
          if (DropCountingMeterProvider.isDrop(name, point.getAttributes())) {
            dropped += point.getValue();
          }
        }
      }
      return dropped;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
      return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public MemoryMode getMemoryMode() {
      return MemoryMode.IMMUTABLE_DATA;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
