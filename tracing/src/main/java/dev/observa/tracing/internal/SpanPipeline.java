package dev.observa.tracing.internal;

import dev.observa.spi.Diagnostics;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Observa's span processors as the SDK's one processor: the counts ({@link SpanCounters}), the processors given to
 * {@code OtelTracing.Builder.spanProcessor} (the Spring Boot starter's server-span correlation is one), the
 * recent-trace store (unless an exporter feeds it, off the request thread), then the batch processors of the exporters,
 * called in that order. A span's start and end make
 * one processor call each instead of one per part (the SDK loops over a list when more than one is registered; an
 * exporter named by {@code otel.traces.exporter} or another customizer still adds its own). A given processor that
 * throws is skipped for that span: the span and the other parts go on. Shutdown and flush reach every part.
 */
final class SpanPipeline implements SpanProcessor {
  private final SpanCounters counters;
  private final RecentTraces recent;
  private final boolean storeOnEnd;
  private final SpanProcessor[] starting;
  private final SpanProcessor[] ending;
  private final SpanProcessor[] given;
  private final SpanProcessor[] exporting;

  SpanPipeline(SpanCounters counters, RecentTraces recent, List<SpanProcessor> exporting) {
    this(counters, recent, List.of(), exporting);
  }

  /**
   * @param recent the recent-trace store, shut down and flushed with the rest
   *     (ended spans go to it from here unless it is {@linkplain RecentTraces.Builder#fedByExports fed by exports},
   *     when a request thread pays nothing for it)
   */
  SpanPipeline(SpanCounters counters, RecentTraces recent, List<SpanProcessor> given, List<SpanProcessor> exporting) {
    this.counters = counters;
    this.recent = recent;
    this.storeOnEnd = recent.isEndRequired();
    this.given = given.toArray(SpanProcessor[]::new);
    this.starting = given.stream().filter(SpanProcessor::isStartRequired).toArray(SpanProcessor[]::new);
    this.ending = given.stream().filter(SpanProcessor::isEndRequired).toArray(SpanProcessor[]::new);
    this.exporting = exporting.toArray(SpanProcessor[]::new);
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    counters.onStart(parentContext, span);
    for (SpanProcessor processor : starting) {
      try {
        processor.onStart(parentContext, span);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        failed(processor, "onStart", e); // a given processor never breaks the span or the parts after it
      }
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    counters.onEnd(span);
    for (SpanProcessor processor : ending) {
      try {
        processor.onEnd(span);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        failed(processor, "onEnd", e);
      }
    }
    if (storeOnEnd) {
      recent.onEnd(span);
    }
    for (SpanProcessor processor : exporting) {
      processor.onEnd(span);
    }
  }

  private static void failed(SpanProcessor processor, String method, Throwable e) {
    Diagnostics.warn("span.processor.failed", processor.getClass().getName() + "." + method + " threw, skipped for "
        + "this span: " + Diagnostics.describe(e));
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
    for (SpanProcessor processor : given) {
      results.add(shutdown ? processor.shutdown() : processor.forceFlush());
    }
    for (SpanProcessor processor : exporting) {
      results.add(shutdown ? processor.shutdown() : processor.forceFlush());
    }
    return results;
  }
}
