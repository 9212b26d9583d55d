package dev.observa.logging;

import dev.observa.spi.Diagnostics;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

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
    return new LogRecordExporter() {
      @Override
      public CompletableResultCode export(Collection<LogRecordData> records) {
        int size = records.size();
        try {
          CompletableResultCode result = exporter.export(records);
          if (result == null) {
            throw new IllegalStateException("export returned null");
          }
          result.whenComplete(() -> (result.isSuccess() ? exported : exportFailed).add(size));
          return result;
        } catch (VirtualMachineError e) {
          throw e;
        } catch (Throwable e) {
          exportFailed.add(size);
          Diagnostics.warn("log.exporter", "log record exporter " + exporter.getClass().getName() + " failed, "
              + size + " records lost: " + Diagnostics.describe(e));
          return CompletableResultCode.ofFailure();
        }
      }

      @Override
      public CompletableResultCode flush() {
        return guarded("flush", exporter::flush);
      }

      @Override
      public CompletableResultCode shutdown() {
        return guarded("shutdown", exporter::shutdown);
      }

      private CompletableResultCode guarded(String operation, Supplier<CompletableResultCode> call) {
        try {
          CompletableResultCode result = call.get();
          return result == null ? CompletableResultCode.ofFailure() : result;
        } catch (VirtualMachineError e) {
          throw e;
        } catch (Throwable e) {
          Diagnostics.warn("log.exporter." + operation, "log record exporter " + exporter.getClass().getName()
              + " " + operation + " failed: " + Diagnostics.describe(e));
          return CompletableResultCode.ofFailure();
        }
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
