package dev.observa.tracing;

import dev.observa.tracing.internal.GuardedExport;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The log-record export counts of an OpenTelemetry logs SDK the application builds (Spring Boot's): wrap each
 * {@link LogRecordExporter} with {@link #counting} before it goes into the SDK's batch processor, and the doctor
 * reads how many records were exported and how many failed, as it does for spans
 * ({@code dev.observa.tracing.SpanCounting}).
 *
 * <pre>{@code
 * LogExportCounting counting = LogExportCounting.create();
 * SdkLoggerProvider.builder()
 *     .addLogRecordProcessor(BatchLogRecordProcessor.builder(counting.counting(otlpExporter)).build());
 * }</pre>
 *
 * <p>Thread-safe. Needs {@code io.opentelemetry:opentelemetry-sdk-logs}.
 *
 * @since 0.1.0
 */
public final class LogExportCounting {
  private static final int MAX_NAMES = 10;
  private final LongAdder exported = new LongAdder();
  private final LongAdder exportFailed = new LongAdder();
  private final List<String> exporters = new CopyOnWriteArrayList<>();

  private LogExportCounting() {}

  /** @return counters at zero */
  public static LogExportCounting create() {
    return new LogExportCounting();
  }

  /**
   * @param exporter an exporter of the application's SDK
   * @return it, counting what it exports and what fails; whatever it throws (a {@link VirtualMachineError}
   *     excepted) is counted, reported at most once a minute and turned into a failed result, so the batch
   *     processor's worker never dies of it; what it exports is unchanged
   */
  public LogRecordExporter counting(LogRecordExporter exporter) {
    if (exporters.size() < MAX_NAMES) {
      exporters.add(exporter.getClass().getSimpleName());
    }
    GuardedExport guard = new GuardedExport("log record", "records", "log.exporter", exporter);
    return new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> records) {
        return guard.export(records.size(), () -> exporter.export(records), exported, exportFailed);
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

  /** @return the simple class names of the exporters wrapped so far (at most 10) */
  public List<String> exporters() {
    return List.copyOf(exporters);
  }

  /** @return log records an exporter accepted */
  public long exported() {
    return exported.sum();
  }

  /** @return log records an exporter failed to send */
  public long exportFailed() {
    return exportFailed.sum();
  }
}
