package dev.observa.tracing.internal;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The traces of the recent-trace store, by trace id in arrival order, within three bounds: traces, spans
 * per trace and estimated bytes. A new trace or a span that would pass the byte budget evicts the oldest
 * traces first; a span that cannot fit even alone, or arrives for a full trace, is dropped. Every loss is
 * counted. Not thread-safe: its owner locks.
 */
public final class TraceStore {
  private final int maxTraces;
  private final int maxSpansPerTrace;
  private final long maxBytes;
  private final LinkedHashMap<String, Trace> traces = new LinkedHashMap<>();
  private long bytes;
  private long droppedTraceFull;
  private long droppedOverBudget;
  private long evictedTraces;
  private long evictedSpans;

  /** The kept spans of one trace and their estimated size. */
  private static final class Trace {
    final List<SpanData> spans = new ArrayList<>(4);
    long bytes;
  }

  /**
   * @param maxTraces traces kept
   * @param maxSpansPerTrace spans kept per trace
   * @param maxBytes estimated heap the kept spans may occupy
   */
  public TraceStore(int maxTraces, int maxSpansPerTrace, long maxBytes) {
    this.maxTraces = maxTraces;
    this.maxSpansPerTrace = maxSpansPerTrace;
    this.maxBytes = maxBytes;
  }

  /** @param span a span cut by {@link SpanTrimmer} */
  public void add(SpanData span) {
    long size = SpanTrimmer.bytes(span);
    if (size > maxBytes) {
      droppedOverBudget++;
      return;
    }
    String traceId = span.getTraceId();
    Trace trace = traces.get(traceId);
    if (trace != null && trace.spans.size() >= maxSpansPerTrace) {
      droppedTraceFull++;
      return;
    }
    if (trace == null) {
      trace = new Trace();
      traces.put(traceId, trace);
    }
    Iterator<Map.Entry<String, Trace>> oldest = traces.entrySet().iterator();
    while ((traces.size() > maxTraces || bytes + size > maxBytes) && oldest.hasNext()) {
      Map.Entry<String, Trace> eldest = oldest.next();
      if (eldest.getValue() == trace) {
        continue; // the trace being added to goes last; it fits alone, as size <= maxBytes
      }
      bytes -= eldest.getValue().bytes;
      evictedTraces++;
      evictedSpans += eldest.getValue().spans.size();
      oldest.remove();
    }
    trace.spans.add(span);
    trace.bytes += size;
    bytes += size;
  }

  /**
   * @param traceId a trace id
   * @return its spans in end order, or null when the store has none
   */
  public List<SpanData> trace(String traceId) {
    Trace trace = traces.get(traceId);
    return trace == null ? null : List.copyOf(trace.spans);
  }

  /** @return the kept trace ids, most recent first */
  public List<String> traceIds() {
    List<String> ids = new ArrayList<>(traces.keySet());
    Collections.reverse(ids);
    return ids;
  }

  /** @return the estimated heap of the kept spans */
  public long bytes() {
    return bytes;
  }

  /** @return spans not kept because their trace had {@code maxSpansPerTrace} */
  public long droppedTraceFull() {
    return droppedTraceFull;
  }

  /** @return spans not kept because they alone exceed the byte budget */
  public long droppedOverBudget() {
    return droppedOverBudget;
  }

  /** @return traces evicted (oldest first) to stay within the trace count or the byte budget */
  public long evictedTraces() {
    return evictedTraces;
  }

  /** @return spans that left with evicted traces */
  public long evictedSpans() {
    return evictedSpans;
  }

  /** Forgets every trace (the counts stay). */
  public void clear() {
    traces.clear();
    bytes = 0;
  }
}
