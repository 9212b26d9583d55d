package dev.observa.tracing.internal;

import dev.observa.tracing.internal.GuardedExport;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.ExemplarFilter;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
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

/**
 * The tracing self-metrics: spans started and ended (a span processor), spans exported and failed
 * (an exporter wrapper), and spans the batch processor dropped because its queue was full (read from the
 * metrics the SDK's {@code BatchSpanProcessor} reports, through a metric reader of our own).
 */
public final class SpanCounters implements SpanProcessor, dev.observa.tracing.SpanStats {
  private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  final LongAdder started = new LongAdder();
  final LongAdder ended = new LongAdder();
  final LongAdder exported = new LongAdder();
  final LongAdder exportFailed = new LongAdder();
  final BatchMetricsReader batchMetrics = new BatchMetricsReader();
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
    GuardedExport guard = new GuardedExport("span", "spans", "span.exporter", exporter);
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
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
   * @return a meter provider for the SDK's batch processors, read by this object. Without exemplars: a batch
   *     processor whose queue is full counts every span it drops on the request thread, and the SDK's default
   *     filter would then sample an exemplar from the current (sampled) span for each one, a cost on the
   *     request path for a value nobody reads
   */
  public SdkMeterProvider meterProvider() {
    return SdkMeterProvider.builder().setExemplarFilter(ExemplarFilter.alwaysOff()).registerMetricReader(batchMetrics)
        .build();
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
    return batchMetrics.droppedSpans() + sdkBatchMetrics.droppedSpans();
  }

  /**
   * Reads the SDK batch span processors' drops: {@code processedSpans{dropped=true}} (the SDK's legacy
   * telemetry) or {@code otel.sdk.processor.span.processed} with an {@code error.type} (semantic conventions).
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
        boolean legacy = metric.getName().equals("processedSpans");
        if (!legacy && !metric.getName().equals("otel.sdk.processor.span.processed")) {
          continue;
        }
        for (LongPointData point : metric.getLongSumData().getPoints()) {
          if (legacy ? Boolean.TRUE.equals(point.getAttributes().get(DROPPED))
              : point.getAttributes().get(ERROR_TYPE) != null) {
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
