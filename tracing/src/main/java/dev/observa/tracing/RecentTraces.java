package dev.observa.tracing;

import dev.observa.spi.Diagnostics;
import dev.observa.tracing.internal.SpanHandoff;
import dev.observa.tracing.internal.SpanTrimmer;
import dev.observa.tracing.internal.TraceStore;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The embedded default span sink: the most recent traces (all of them, or a sample chosen by trace id), kept in memory by trace id, within a number of
 * traces, of spans per trace and a <b>memory budget in bytes</b> (estimated conservatively; the oldest
 * traces are evicted first). Each kept span is a copy cut to {@link SpanLimits} of the store's own, so
 * request data (long URLs, many headers) cannot grow it. Lets a service show its own traces without a backend.
 *
 * <pre>{@code
 * RecentTraces recent = RecentTraces.builder().maxBytes(8 << 20).build();
 * List<SpanData> spans = obs.unwrap(RecentTraces.class).trace(traceId);
 * }</pre>
 *
 * <p>A sample may also be held to a rate ({@link Builder#maxTracesPerSecond}): the thread that stores the spans
 * counts the traces it keeps, and at most once a second scales the share of trace ids kept so that about that many
 * traces a second are (never above the ratio given, never below 1 in 65,536). A busy server then pays for the
 * store's copies of a few traces a second, not of a fixed share of its traffic; a trace that is running while the
 * share changes may be kept in part.
 *
 * <p>Thread-safe. Ending a span of a trace outside the sample costs a look at its trace id; of a kept trace,
 * one offer into a bounded lock-free ring (full: the span is not kept,
 * and counted); a daemon thread copies, cuts and stores the spans, and every read first takes in what is queued,
 * so a span ended before a read is seen by it. {@linkplain Builder#fedByExports Fed by exports} instead (as
 * Observa does once an exporter is configured, on its own SDK and on Spring Boot's), the request thread pays
 * nothing: the look and the copy happen where the exporter is called, on a batch processor's worker.
 *
 * @since 0.1.0
 */
public final class RecentTraces implements SpanProcessor {
  /** The default memory budget: 4 MiB. */
  public static final long DEFAULT_MAX_BYTES = 4L << 20;
  /** The default limits of a kept span: 64 attributes of at most 1024 characters, 32 events, 16 links. */
  public static final SpanLimits DEFAULT_SPAN_LIMITS = SpanLimits.builder().setMaxNumberOfAttributes(64)
      .setMaxAttributeValueLength(1024).setMaxNumberOfEvents(32).setMaxNumberOfLinks(16)
      .setMaxNumberOfAttributesPerEvent(16).setMaxNumberOfAttributesPerLink(16).build();

  /** The share of traces kept by default once an exporter is configured: 1 in 100. */
  public static final double EXPORTING_SAMPLE_RATIO = 0.01;

  /**
   * Fed by exports with no ratio set, the store keeps about its size divided by this many traces a second, so a
   * busy server copies a few traces a second into it, not 1 % of its traffic.
   */
  static final int EXPORTING_KEPT_PER_SECOND_DIVISOR = 5;

  private final TraceStore store;
  private final SpanTrimmer trimmer;
  private final long maxBytes;
  private final SpanHandoff handoff;
  private final LongAdder droppedBusy = new LongAdder();
  private final TraceIdSample sample;
  private final int maxTracesPerSecond;
  private final boolean fedByExports;
  private final java.util.function.LongSupplier nanoTime;
  /** The rate window, read and written by the thread that keeps spans (under the store's lock). */
  private long windowStart;
  private long windowTraces;

  /**
   * @param maxTraces how many traces to keep, at least 1; the oldest goes first
   * @param maxSpansPerTrace how many spans of one trace to keep, at least 1; later ones are dropped
   */
  public RecentTraces(int maxTraces, int maxSpansPerTrace) {
    this(builder().maxTraces(maxTraces).maxSpansPerTrace(maxSpansPerTrace));
  }

  private RecentTraces(Builder builder) {
    this.store = new TraceStore(builder.maxTraces, builder.maxSpansPerTrace, builder.maxBytes);
    this.trimmer = new SpanTrimmer(builder.spanLimits);
    this.maxBytes = builder.maxBytes;
    this.handoff = new SpanHandoff(builder.queueSize, this::keepEnded, store, "observa-recent-traces");
    this.fedByExports = builder.fedByExports;
    boolean exportDefaults = builder.fedByExports && !builder.sampleRatioSet;
    this.sample = new TraceIdSample(exportDefaults ? EXPORTING_SAMPLE_RATIO : builder.sampleRatio);
    this.maxTracesPerSecond = exportDefaults && builder.maxTracesPerSecond == 0
        ? Math.max(1, builder.maxTraces / EXPORTING_KEPT_PER_SECOND_DIVISOR) : builder.maxTracesPerSecond;
    this.nanoTime = builder.nanoTime;
    this.windowStart = nanoTime.getAsLong();
  }

  /** @return a builder with the defaults: 100 traces, 1000 spans per trace, {@link #DEFAULT_MAX_BYTES} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (!fedByExports && sample.keeps(span.getSpanContext().getTraceId()) && !handoff.offer(span)) {
      droppedBusy.increment();
    }
  }

  /** @return false when the store is {@linkplain Builder#fedByExports fed by exports}: the SDK then never calls it */
  @Override
  public boolean isEndRequired() {
    return !fedByExports;
  }

  /**
   * Keeps the spans of the sampled traces among those an exporter is given: the store fed from a batch span
   * processor's worker (or wherever the exporter is called) instead of as a span processor, so that a request
   * thread pays nothing for it. Observa feeds its store this way once an exporter is configured, from one exporter
   * (every exporter gets the same spans); spans a full export queue dropped are then not kept either. Never throws.
   *
   * @param spans spans handed to an exporter
   * @since 0.1.0
   */
  public void keepExported(Collection<SpanData> spans) {
    try {
      for (SpanData span : spans) {
        if (sample.keeps(span.getTraceId())) {
          synchronized (store) {
            keep(null, span);
          }
        }
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) { // a collection that fails to iterate: the exporter still gets it
      droppedBusy.increment();
      Diagnostics.warn("recent-traces.store", "exported spans could not be read for the recent-trace store: "
          + Diagnostics.describe(e));
    }
  }

  /** Copies, cuts and stores one ended span, under the store's lock; never throws. */
  private void keepEnded(ReadableSpan span) {
    keep(span, null);
  }

  /**
   * Cuts and stores one span, under the store's lock; never throws.
   *
   * @param ended an ended span to copy, or null
   * @param exported else the copy an exporter was given
   */
  private void keep(ReadableSpan ended, SpanData exported) {
    try {
      SpanData span = exported != null ? exported : ended.toSpanData();
      if (maxTracesPerSecond > 0) {
        holdToRate(span);
      }
      store.add(trimmer.keep(span));
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      droppedBusy.increment();
      Diagnostics.warn("recent-traces.store", "a span could not be kept in the recent-trace store: "
          + Diagnostics.describe(e));
    }
  }

  /**
   * Counts the traces kept (a span whose parent is not in this process starts one) and, once a second has passed,
   * scales the share of trace ids kept by the rate wanted over the rate seen: down when more traces came, back up
   * (to the ratio given) when fewer did. Runs under the store's lock.
   */
  private void holdToRate(SpanData span) {
    io.opentelemetry.api.trace.SpanContext parent = span.getParentSpanContext();
    if (!parent.isValid() || parent.isRemote()) {
      windowTraces++;
    }
    long now = nanoTime.getAsLong();
    long elapsed = now - windowStart;
    if (elapsed >= 1_000_000_000L) {
      double perSecond = windowTraces * 1e9 / elapsed;
      if (perSecond > maxTracesPerSecond || perSecond < maxTracesPerSecond / 2.0) {
        sample.scale(perSecond > 0 ? maxTracesPerSecond / perSecond : TraceIdSample.RANGE);
      }
      windowStart = now;
      windowTraces = 0;
    }
  }

  private void drain() {
    handoff.drain();
  }

  /**
   * @param traceId a 32-hex-digit trace id
   * @return the ended spans of that trace in end order, or an empty list
   */
  public List<SpanData> trace(String traceId) {
    drain();
    synchronized (store) {
      List<SpanData> spans = store.trace(traceId);
      return spans == null ? List.of() : spans;
    }
  }

  /**
   * @param traceId a trace id
   * @return whether the store holds spans of it
   */
  public boolean contains(String traceId) {
    drain();
    synchronized (store) {
      return store.trace(traceId) != null;
    }
  }

  /** @return the kept trace ids, most recent first */
  public List<String> traceIds() {
    drain();
    synchronized (store) {
      return store.traceIds();
    }
  }

  /** @return how many spans were not kept: trace full, over the budget alone, or the queue full */
  public long droppedSpans() {
    Map<String, Long> summary = dropSummary();
    return summary.get("trace_full") + summary.get("over_budget") + summary.get("queue_full");
  }

  /**
   * Losses by reason, for diagnostics and the shutdown summary: {@code trace_full}, {@code over_budget},
   * {@code queue_full} (spans not kept), {@code evicted_traces} and {@code evicted_spans} (kept, then evicted
   * oldest first for newer ones).
   *
   * @return the counts, in that order
   */
  public Map<String, Long> dropSummary() {
    Map<String, Long> summary = new LinkedHashMap<>();
    synchronized (store) {
      summary.put("trace_full", store.droppedTraceFull());
      summary.put("over_budget", store.droppedOverBudget());
      summary.put("queue_full", droppedBusy.sum());
      summary.put("evicted_traces", store.evictedTraces());
      summary.put("evicted_spans", store.evictedSpans());
    }
    return summary;
  }

  /** @return the estimated heap the kept spans occupy, at most {@link #maxBytes()} */
  public long retainedBytes() {
    drain();
    synchronized (store) {
      return store.bytes();
    }
  }

  /** @return the memory budget in bytes */
  public long maxBytes() {
    return maxBytes;
  }

  /** @return the share of traces kept, chosen by trace id (0 to 1) */
  public double sampleRatio() {
    return sample.ratio();
  }

  /**
   * @return about how many traces a second the sample keeps at most ({@link Builder#maxTracesPerSecond}); 0 when
   *     the ratio holds whatever the rate
   * @since 0.1.0
   */
  public int maxTracesPerSecond() {
    return maxTracesPerSecond;
  }

  /**
   * @return the share of trace ids kept now: {@link #sampleRatio()}, or less while a {@code maxTracesPerSecond}
   *     holds the sample to a rate
   * @since 0.1.0
   */
  public double currentSampleRatio() {
    return sample.current();
  }

  /** Forgets every trace. */
  public void clear() {
    drain();
    synchronized (store) {
      store.clear();
    }
  }

  @Override
  public CompletableResultCode shutdown() {
    handoff.close();
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode forceFlush() {
    drain();
    return CompletableResultCode.ofSuccess();
  }

  /** Builds {@link RecentTraces}; each setter checks its value. Not thread-safe. */
  public static final class Builder {
    private int maxTraces = 100;
    private int maxSpansPerTrace = 1000;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private SpanLimits spanLimits = DEFAULT_SPAN_LIMITS;
    private int queueSize = 2048;
    private double sampleRatio = 1;
    private boolean sampleRatioSet;
    private int maxTracesPerSecond;
    private boolean fedByExports;
    private java.util.function.LongSupplier nanoTime = System::nanoTime;

    private Builder() {}

    /**
     * @param maxTraces how many traces to keep, at least 1; the oldest goes first. Default 100
     * @return this
     */
    public Builder maxTraces(int maxTraces) {
      this.maxTraces = atLeastOne("maxTraces", maxTraces);
      return this;
    }

    /**
     * @param maxSpansPerTrace how many spans of one trace to keep, at least 1; later ones are dropped. Default 1000
     * @return this
     */
    public Builder maxSpansPerTrace(int maxSpansPerTrace) {
      this.maxSpansPerTrace = atLeastOne("maxSpansPerTrace", maxSpansPerTrace);
      return this;
    }

    /**
     * @param maxBytes the memory budget: estimated heap of the kept spans, at least 64 KiB. Default 4 MiB
     * @return this
     */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes < 64 * 1024) {
        throw new IllegalArgumentException("RecentTraces maxBytes is " + maxBytes + ": it must be at least 65536");
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * @param spanLimits what one kept span may hold (attributes, value length, events, links); the SDK's own
     *     limits apply first. Default {@link #DEFAULT_SPAN_LIMITS}
     * @return this
     */
    public Builder spanLimits(SpanLimits spanLimits) {
      this.spanLimits = java.util.Objects.requireNonNull(spanLimits, "spanLimits");
      return this;
    }

    /**
     * @param queueSize ended spans waiting to be stored; when full, further spans are not kept (and counted).
     *     At least 1, default 2048
     * @return this
     */
    public Builder queueSize(int queueSize) {
      this.queueSize = atLeastOne("queueSize", queueSize);
      return this;
    }

    /**
     * @param ratio the share of traces kept, 0 to 1, chosen by the trace id's last hex digits so a trace is kept
     *     whole or not at all; the others cost the request one look at the trace id. Default 1 (every trace);
     *     {@link RecentTraces#EXPORTING_SAMPLE_RATIO} when {@linkplain #fedByExports fed by exports}
     * @return this
     */
    public Builder sampleRatio(double ratio) {
      if (!(ratio >= 0 && ratio <= 1)) {
        throw new IllegalArgumentException("RecentTraces sampleRatio is " + ratio + ": it must be in 0..1");
      }
      this.sampleRatio = ratio;
      this.sampleRatioSet = true;
      return this;
    }

    /**
     * @param maxTracesPerSecond about how many traces a second the sample keeps: the share of trace ids kept is
     *     scaled down (at most once a second) while more come, and back up to {@link #sampleRatio} when fewer do;
     *     0 (the default) keeps the ratio whatever the rate
     * @return this
     * @since 0.1.0
     */
    public Builder maxTracesPerSecond(int maxTracesPerSecond) {
      if (maxTracesPerSecond < 0) {
        throw new IllegalArgumentException("RecentTraces maxTracesPerSecond is " + maxTracesPerSecond
            + ": it must be 0 (no limit) or more");
      }
      this.maxTracesPerSecond = maxTracesPerSecond;
      return this;
    }

    /**
     * Feeds the store only through {@link RecentTraces#keepExported}, from where spans are exported (a batch
     * processor's worker): as a span processor it asks the SDK for no span ({@link RecentTraces#isEndRequired} is
     * false), so a request thread pays nothing for it, even when it is registered with the others (as Spring
     * Boot registers every {@code SpanProcessor} bean). Unless a ratio is set, it then keeps
     * {@link RecentTraces#EXPORTING_SAMPLE_RATIO} of the traces, held to about {@code maxTraces / 5} a second unless
     * {@link #maxTracesPerSecond} is set. Observa's own SDK and its Spring Boot starter build the store this way
     * once an exporter is configured.
     *
     * @return this
     * @since 0.1.0
     */
    public Builder fedByExports() {
      this.fedByExports = true;
      return this;
    }

    /** The clock of the rate window, for tests. */
    Builder nanoTime(java.util.function.LongSupplier nanoTime) {
      this.nanoTime = java.util.Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    private static int atLeastOne(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException("RecentTraces " + name + " is " + value + ": it must be at least 1");
      }
      return value;
    }

    /** @return the store */
    public RecentTraces build() {
      return new RecentTraces(this);
    }
  }
}
