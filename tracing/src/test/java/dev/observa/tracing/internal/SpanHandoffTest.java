package dev.observa.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Request threads hand spans to one thread that takes them in by itself, awake or asleep, and stops on close. */
@Timeout(60)
class SpanHandoffTest {
  private final SdkTracerProvider provider = SdkTracerProvider.builder()
      // with no processor at all, newer SDKs hand out spans that are not recorded
      .addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite())).build();
  private final Tracer tracer = provider.get("test");
  private final List<ReadableSpan> kept = new CopyOnWriteArrayList<>();
  /** The lock spans are kept under; a reader takes it, as the recent-trace store's readers do. */
  private final Object lock = new Object();
  private final SpanHandoff handoff = new SpanHandoff(64, kept::add, lock, "test-handoff");

  @AfterEach
  void close() {
    handoff.close();
    provider.close();
  }

  private ReadableSpan ended(String name) {
    Span span = tracer.spanBuilder(name).startSpan();
    span.end();
    return (ReadableSpan) span;
  }

  private void awaitKept(int count, long withinMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(withinMillis);
    while (kept.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  @Test
  void aSteadyStreamIsTakenInByTheThreadWithoutAnyReaderDraining() throws InterruptedException {
    for (int i = 0; i < 2_000; i++) {
      while (!handoff.offer(ended("s" + i))) {
        Thread.onSpinWait(); // the ring is full for a moment: the thread is taking the earlier ones in
      }
      if (i % 50 == 0) {
        Thread.sleep(1);
      }
    }
    awaitKept(2_000, 10_000);
    assertThat(kept).hasSize(2_000);
  }

  @Test
  void aSpanOfferedWhileTheThreadSleepsWakesItBeforeItsLongSleepEnds() throws InterruptedException {
    handoff.offer(ended("first"));
    awaitKept(1, 10_000);
    Thread.sleep(50); // the next round (5 ms later) finds nothing: the thread sleeps for up to a second
    handoff.offer(ended("second"));
    // the offer woke it: taken in long before that sleep (begun at most ~50 ms ago) would have ended on its own
    awaitKept(2, 700);
    assertThat(kept).extracting(span -> span.getName()).containsExactly("first", "second");
  }

  @Test
  void afterCloseWhatWasQueuedIsKeptAndLaterOffersAreRefused() {
    ReadableSpan queued = ended("queued");
    assertThat(handoff.offer(queued)).isTrue();
    handoff.close();
    synchronized (lock) { // the thread may have taken it a moment before and still be keeping it
      assertThat(kept).contains(queued);
    }
    assertThat(handoff.offer(ended("late"))).isFalse();
  }
}
