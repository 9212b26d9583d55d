package dev.observa.tracing.internal;

import dev.observa.spi.Diagnostics;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The one rule for calling an OpenTelemetry exporter (spans or log records) from a batch processor's worker: what
 * it exports is counted as exported or failed when its result completes, and whatever it throws (an {@code Error}
 * such as {@code NoClassDefFoundError} included, a {@link VirtualMachineError} excepted) is counted as failed,
 * reported at most once a minute through {@link Diagnostics} and turned into a failed result, so the worker never
 * dies of it. {@link SpanCounters} and {@code LogExportCounting} wrap their exporters with it.
 */
public final class GuardedExport {
  private final String kind;
  private final String items;
  private final String diagnosticKey;
  private final Object exporter;

  /**
   * @param kind what the exporter sends, for messages, e.g. {@code "span"} or {@code "log record"}
   * @param items the plural, e.g. {@code "spans"} or {@code "records"}
   * @param diagnosticKey the key warnings are rate-limited under, e.g. {@code "span.exporter"}
   * @param exporter the exporter called, named in warnings
   */
  public GuardedExport(String kind, String items, String diagnosticKey, Object exporter) {
    this.kind = kind;
    this.items = items;
    this.diagnosticKey = diagnosticKey;
    this.exporter = exporter;
  }

  /**
   * @param size how many items the call exports
   * @param call the exporter's {@code export}
   * @param exported counts items exported
   * @param failed counts items that failed
   * @return the exporter's result, or a failed one when it threw or returned null
   */
  public CompletableResultCode export(int size, Supplier<CompletableResultCode> call, LongAdder exported,
      LongAdder failed) {
    try {
      CompletableResultCode result = call.get();
      if (result == null) {
        throw new IllegalStateException("export returned null");
      }
      result.whenComplete(() -> (result.isSuccess() ? exported : failed).add(size));
      return result;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      failed.add(size);
      Diagnostics.warn(diagnosticKey, kind + " exporter " + exporter.getClass().getName() + " failed, " + size + " "
          + items + " lost: " + Diagnostics.describe(e));
      return CompletableResultCode.ofFailure();
    }
  }

  /**
   * @param operation {@code "flush"} or {@code "shutdown"}
   * @param call the exporter's operation
   * @return its result, or a failed one when it threw or returned null
   */
  public CompletableResultCode call(String operation, Supplier<CompletableResultCode> call) {
    try {
      CompletableResultCode result = call.get();
      return result == null ? CompletableResultCode.ofFailure() : result;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn(diagnosticKey + "." + operation, kind + " exporter " + exporter.getClass().getName() + " "
          + operation + " failed: " + Diagnostics.describe(e));
      return CompletableResultCode.ofFailure();
    }
  }
}
