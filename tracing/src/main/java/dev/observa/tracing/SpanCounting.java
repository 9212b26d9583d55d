package dev.observa.tracing;

import dev.observa.tracing.internal.SpanCounters;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The span self-metrics for an SDK the application builds (Spring Boot's): register it as one of the SDK's span
 * processors (spans started and ended) and wrap each exporter with {@link #counting} (spans exported and failed),
 * then hand it to {@link OtelTracing#using(io.opentelemetry.api.OpenTelemetry, RecentTraces, SpanCounting)} so
 * {@code obs.unwrap(SpanStats.class)} and the doctor see them. The same counters as Observa's own SDK.
 *
 * <pre>{@code
 * SpanCounting counting = SpanCounting.create();
 * SdkTracerProvider.builder().addSpanProcessor(counting)
 *     .addSpanProcessor(BatchSpanProcessor.builder(counting.counting(otlpExporter)).build());
 * }</pre>
 *
 * <p>Thread-safe. {@link #droppedQueueFull()} stays 0: the drops of a batch processor built by the application
 * are reported only to the meter provider it was given.
 *
 * @since 0.1.0
 */
public final class SpanCounting implements SpanProcessor, SpanStats {
  private static final int MAX_NAMES = 10;
  private final SpanCounters counters = new SpanCounters();
  private final List<String> exporters = new CopyOnWriteArrayList<>();

  private SpanCounting() {}

  /** @return counters at zero */
  public static SpanCounting create() {
    return new SpanCounting();
  }

  /**
   * @param exporter an exporter of the application's SDK
   * @return it, counting what it exports and what fails; nothing it throws reaches the batch processor's worker
   *     (it becomes a failed result); what it exports is unchanged
   */
  public SpanExporter counting(SpanExporter exporter) {
    return counting(exporter, () -> null);
  }

  /**
   * @param exporter an exporter of the application's SDK
   * @param store the recent-trace store to feed with the spans it is given, off the request thread (as Observa's own
   *     SDK feeds its store from one exporter); answers null while there is none to feed
   * @return as {@link #counting(SpanExporter)}; the spans go to the store first, so a failing exporter's spans are
   *     kept too
   * @since 0.1.0
   */
  public SpanExporter counting(SpanExporter exporter, java.util.function.Supplier<RecentTraces> store) {
    if (exporters.size() < MAX_NAMES) {
      exporters.add(exporter.getClass().getSimpleName());
    }
    return counters.counting(exporter, store);
  }

  /** @return the simple class names of the exporters wrapped so far (at most 10) */
  public List<String> exporters() {
    return List.copyOf(exporters);
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    counters.onStart(parentContext, span);
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    counters.onEnd(span);
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public long started() {
    return counters.started();
  }

  @Override
  public long ended() {
    return counters.ended();
  }

  @Override
  public long exported() {
    return counters.exported();
  }

  @Override
  public long exportFailed() {
    return counters.exportFailed();
  }

  @Override
  public long droppedQueueFull() {
    return 0;
  }
}
