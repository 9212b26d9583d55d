package dev.observa.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded default span sink: the most recent traces, kept in memory by trace id, bounded in the
 * number of traces and of spans per trace. Lets a service show its own traces without any backend.
 *
 * <pre>{@code
 * RecentTraces recent = obs.unwrap(RecentTraces.class);
 * List<SpanData> spans = recent.trace(traceId);
 * }</pre>
 *
 * <p>Thread-safe; recording costs one short lock per ended span.
 *
 * @since 0.1.0
 */
public final class RecentTraces implements SpanProcessor {
  private final int maxTraces;
  private final int maxSpansPerTrace;
  private final LinkedHashMap<String, List<SpanData>> traces = new LinkedHashMap<>(16, 0.75f, false);
  private long dropped;

  /**
   * @param maxTraces how many traces to keep, at least 1; the oldest goes first
   * @param maxSpansPerTrace how many spans of one trace to keep, at least 1; later ones are dropped
   */
  public RecentTraces(int maxTraces, int maxSpansPerTrace) {
    if (maxTraces < 1 || maxSpansPerTrace < 1) {
      throw new IllegalArgumentException("RecentTraces limits must be >= 1, got maxTraces " + maxTraces
          + ", maxSpansPerTrace " + maxSpansPerTrace);
    }
    this.maxTraces = maxTraces;
    this.maxSpansPerTrace = maxSpansPerTrace;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    SpanData data = span.toSpanData();
    synchronized (traces) {
      List<SpanData> spans = traces.get(data.getTraceId());
      if (spans == null) {
        spans = new ArrayList<>();
        traces.put(data.getTraceId(), spans);
        if (traces.size() > maxTraces) {
          Iterator<Map.Entry<String, List<SpanData>>> eldest = traces.entrySet().iterator();
          eldest.next();
          eldest.remove();
        }
      }
      if (spans.size() < maxSpansPerTrace) {
        spans.add(data);
      } else {
        dropped++;
      }
    }
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  /**
   * @param traceId a 32-hex-digit trace id
   * @return the ended spans of that trace in end order, or an empty list
   */
  public List<SpanData> trace(String traceId) {
    synchronized (traces) {
      List<SpanData> spans = traces.get(traceId);
      return spans == null ? List.of() : List.copyOf(spans);
    }
  }

  /** @return the kept trace ids, most recent first */
  public List<String> traceIds() {
    synchronized (traces) {
      List<String> ids = new ArrayList<>(traces.keySet());
      java.util.Collections.reverse(ids);
      return ids;
    }
  }

  /** @return how many spans were not kept because their trace was full */
  public long droppedSpans() {
    synchronized (traces) {
      return dropped;
    }
  }

  /** Forgets every trace. */
  public void clear() {
    synchronized (traces) {
      traces.clear();
    }
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }
}
