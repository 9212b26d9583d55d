package dev.observa.tracing.internal;

import dev.observa.tracing.RecentTraces;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Observa's span processors as the SDK's one processor: the counts ({@link SpanCounters}), the recent-trace store,
 * then the batch processors of the exporters, called in that order. A span's start and end make one processor call
 * each instead of one per part (the SDK loops over a list when more than one is registered; another customizer may
 * still add its own). Shutdown and flush reach every part.
 */
final class SpanPipeline implements SpanProcessor {
  private final SpanCounters counters;
  private final RecentTraces recent;
  private final SpanProcessor[] exporting;

  SpanPipeline(SpanCounters counters, RecentTraces recent, List<SpanProcessor> exporting) {
    this.counters = counters;
    this.recent = recent;
    this.exporting = exporting.toArray(SpanProcessor[]::new);
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
    recent.onEnd(span);
    for (SpanProcessor processor : exporting) {
      processor.onEnd(span);
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofAll(each(true));
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofAll(each(false));
  }

  private List<CompletableResultCode> each(boolean shutdown) {
    List<CompletableResultCode> results = new ArrayList<>();
    results.add(shutdown ? counters.shutdown() : counters.forceFlush());
    results.add(shutdown ? recent.shutdown() : recent.forceFlush());
    for (SpanProcessor processor : exporting) {
      results.add(shutdown ? processor.shutdown() : processor.forceFlush());
    }
    return results;
  }
}
