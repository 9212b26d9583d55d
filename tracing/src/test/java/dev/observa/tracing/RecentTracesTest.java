package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The recent-trace store stays within its memory budget whatever the requests carry (issue 14). */
@Timeout(120)
class RecentTracesTest {
  private static final int HEADER_ATTRIBUTES = 10;

  private static SdkTracerProvider provider(RecentTraces recent) {
    return SdkTracerProvider.builder().addSpanProcessor(recent).build();
  }

  private static String traceId(int i) {
    return String.format(Locale.ROOT, "%032x", 0x1000 + i);
  }

  /** A span as an attacked server records it: a remote sampled parent and ~14 KB of header-like attributes. */
  private static void attackSpan(Tracer tracer, int i, int traces, char filler) {
    SpanContext parent = SpanContext.createFromRemoteParent(traceId(i % traces),
        String.format(Locale.ROOT, "%016x", i + 1), TraceFlags.getSampled(), TraceState.getDefault());
    Span span = tracer.spanBuilder("GET /hello").setParent(Context.root().with(Span.wrap(parent))).startSpan();
    for (int a = 0; a < HEADER_ATTRIBUTES; a++) {
      span.setAttribute("http.request.header.x-junk-" + a, (filler + Integer.toString(i)).repeat(1400 / 6));
    }
    span.end();
  }

  private static long heapUsedAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(50);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  @Test
  void cyclingSampledTraceIdsWithLargeHeadersStayWithinTheByteBudget() throws Exception {
    long budget = 2L << 20;
    RecentTraces recent = RecentTraces.builder().maxBytes(budget).build();
    SdkTracerProvider provider = provider(recent);
    Tracer tracer = provider.get("attack");
    long before = heapUsedAfterGc();
    for (int i = 0; i < 20_000; i++) { // 100 trace ids, 14 KB each: 280 MB if nothing were bounded
      attackSpan(tracer, i, 100, 'x');
      if (i % 1000 == 0) {
        assertThat(recent.retainedBytes()).isLessThanOrEqualTo(budget);
      }
    }
    assertThat(recent.retainedBytes()).isLessThanOrEqualTo(budget).isGreaterThan(budget / 2);
    long grown = heapUsedAfterGc() - before;
    assertThat(grown).as("heap kept after the attack").isLessThan(4 * budget);
    assertThat(recent.dropSummary().get("evicted_spans")).isGreaterThan(10_000L);
    assertThat(recent.trace(traceId(19_999 % 100))).isNotEmpty(); // the newest trace is kept
    provider.shutdown();
  }

  @Test
  void theSizeEstimateCoversTheHeapTheKeptSpansOccupy() throws Exception {
    RecentTraces recent = RecentTraces.builder().maxBytes(512L << 20).maxSpansPerTrace(100_000).build();
    SdkTracerProvider provider = provider(recent);
    Tracer tracer = provider.get("estimate");
    long before = heapUsedAfterGc();
    for (int i = 0; i < 2_000; i++) {
      attackSpan(tracer, i, 100, '\u0416'); // not Latin-1: the JVM stores two bytes per character
    }
    long estimate = recent.retainedBytes();
    long grown = heapUsedAfterGc() - before;
    assertThat(estimate).as("estimate vs measured heap growth " + grown).isGreaterThanOrEqualTo(grown);
    assertThat(recent.traceIds()).hasSize(100);
    provider.shutdown();
  }

  @Test
  void spansWithinTheLimitsShareTheirAttributesAndTheEstimateStillCoversTheHeap() throws Exception {
    RecentTraces recent = RecentTraces.builder().maxBytes(512L << 20).maxTraces(2_000).build();
    SdkTracerProvider provider = provider(recent);
    Tracer tracer = provider.get("estimate");
    long before = heapUsedAfterGc();
    for (int i = 0; i < 2_000; i++) { // one trace each, all kept: ~40 MB
      Span span = tracer.spanBuilder("GET /orders/{id}").startSpan();
      for (int a = 0; a < HEADER_ATTRIBUTES; a++) {
        span.setAttribute("http.request.header.x-" + a, ("\u0416" + i).repeat(1000 / 6)); // under 1024 characters
      }
      span.setAttribute("http.response.status_code", 200L);
      span.end();
    }
    long estimate = recent.retainedBytes();
    long grown = heapUsedAfterGc() - before;
    assertThat(estimate).as("estimate vs measured heap growth " + grown).isGreaterThanOrEqualTo(grown);
    assertThat(recent.traceIds()).hasSize(2_000);
    SpanData kept = recent.trace(recent.traceIds().get(0)).get(0);
    assertThat(kept.getAttributes().size()).isEqualTo(HEADER_ATTRIBUTES + 1);
    assertThat(kept.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
    provider.shutdown();
  }

  @Test
  void keptSpansAreCutToTheStoreSpanLimits() {
    RecentTraces recent = new RecentTraces(10, 10);
    SdkTracerProvider provider = provider(recent);
    Span span = provider.get("limits").spanBuilder("x".repeat(5000)).startSpan();
    for (int a = 0; a < 100; a++) {
      span.setAttribute("key." + a, "v".repeat(10_000));
    }
    for (int e = 0; e < 100; e++) {
      span.addEvent("event");
    }
    String traceId = span.getSpanContext().getTraceId();
    span.end();
    SpanData kept = recent.trace(traceId).get(0);
    assertThat(kept.getAttributes().size()).isEqualTo(64);
    assertThat(kept.getAttributes().asMap().values()).allSatisfy(v -> assertThat((String) v).hasSize(1024));
    assertThat(kept.getName()).hasSize(1024);
    assertThat(kept.getEvents()).hasSize(32);
    assertThat(kept.getTotalAttributeCount()).isEqualTo(100);
    provider.shutdown();
  }

  @Test
  void oldestTracesAreEvictedFirstAndASpanEndedBeforeAReadIsSeen() {
    RecentTraces recent = RecentTraces.builder().maxTraces(3).build();
    SdkTracerProvider provider = provider(recent);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Span span = provider.get("order").spanBuilder("s" + i).startSpan();
      ids.add(span.getSpanContext().getTraceId());
      span.end();
      assertThat(recent.contains(ids.get(i))).isTrue();
    }
    assertThat(recent.traceIds()).containsExactly(ids.get(4), ids.get(3), ids.get(2));
    assertThat(recent.trace(ids.get(0))).isEmpty();
    assertThat(recent.dropSummary()).containsEntry("evicted_traces", 2L);
    provider.shutdown();
  }

  @Test
  void spansOfAFullTraceAreDroppedAndCounted() {
    RecentTraces recent = RecentTraces.builder().maxSpansPerTrace(2).build();
    SdkTracerProvider provider = provider(recent);
    Tracer tracer = provider.get("full");
    Span root = tracer.spanBuilder("root").startSpan();
    Context parent = Context.root().with(root);
    for (int i = 0; i < 5; i++) {
      tracer.spanBuilder("child").setParent(parent).startSpan().end();
    }
    root.end();
    assertThat(recent.trace(root.getSpanContext().getTraceId())).hasSize(2);
    assertThat(recent.droppedSpans()).isEqualTo(4);
    assertThat(recent.dropSummary()).containsEntry("trace_full", 4L);
    provider.shutdown();
  }

  /**
   * Request threads end spans while readers take them in: with a queue far smaller than the burst, every ended span
   * is kept or counted (queue full, evicted with its trace), and nothing hangs.
   */
  @Test
  void spansEndedByManyThreadsAreKeptOrCountedWhileReadersDrain() throws Exception {
    RecentTraces recent = RecentTraces.builder().maxTraces(1_000_000).maxSpansPerTrace(1_000_000).queueSize(16).build();
    SdkTracerProvider provider = provider(recent);
    Tracer tracer = provider.get("stress");
    int threads = 6;
    int spansPerThread = 20_000;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads + 1);
    try {
      java.util.concurrent.atomic.AtomicBoolean ending = new java.util.concurrent.atomic.AtomicBoolean(true);
      java.util.concurrent.Future<?> reader = pool.submit(() -> {
        while (ending.get()) {
          recent.traceIds();
        }
      });
      List<java.util.concurrent.Future<?>> enders = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        enders.add(pool.submit(() -> {
          for (int i = 0; i < spansPerThread; i++) {
            tracer.spanBuilder("s").startSpan().end();
          }
        }));
      }
      for (java.util.concurrent.Future<?> ender : enders) {
        ender.get(100, java.util.concurrent.TimeUnit.SECONDS);
      }
      ending.set(false);
      reader.get(100, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    long kept = recent.traceIds().stream().mapToLong(id -> recent.trace(id).size()).sum();
    java.util.Map<String, Long> lost = recent.dropSummary();
    assertThat(lost.get("queue_full")).as("the burst outran a 16-span queue").isPositive();
    assertThat(kept + lost.get("queue_full") + lost.get("evicted_spans") + lost.get("trace_full")
        + lost.get("over_budget")).isEqualTo((long) threads * spansPerThread);
    provider.shutdown();
  }

  @Test
  void rejectsABudgetBelow64KiBNamingTheValue() {
    assertThatThrownBy(() -> RecentTraces.builder().maxBytes(1000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBytes is 1000");
    assertThatThrownBy(() -> RecentTraces.builder().maxTraces(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxTraces is 0");
  }
}
