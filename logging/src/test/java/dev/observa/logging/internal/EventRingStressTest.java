package dev.observa.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * N producers × M elements against one consumer. Every loop is bounded by a deadline, so a lost element
 * fails the test with a count instead of hanging it; the producers stop when the test ends.
 *
 * <p>A thread that must wait for another (ring full, nothing published yet) parks for a moment instead of
 * calling {@code Thread.yield()}: on a loaded two-core machine a yielding thread still competes as a CPU hog
 * and waits out other processes' time slices at every hand-off (a capacity-1 ring then moved ~200 elements a
 * second and missed the deadline), while a thread waking from a park is scheduled promptly.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventRingStressTest {
  private static final int PRODUCERS = 4;
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(90);

  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();

  @AfterEach
  void stopProducers() throws InterruptedException {
    stop.set(true);
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  /** Capacities: smaller than the producers, odd (array rounded up), and large (head published in batches). */
  @ParameterizedTest
  @ValueSource(ints = {1, 7, 64, 4096})
  void producersThatRetryLoseNothingDuplicateNothingAndKeepTheirOwnOrder(int capacity) throws Exception {
    int perProducer = 50_000;
    EventRing<long[]> ring = new EventRing<>(capacity);
    CountDownLatch start = startProducers(perProducer, (producer, seq) -> {
      long[] element = {producer, seq};
      while (!ring.offer(element)) {
        if (stop.get()) {
          return false;
        }
        pause(); // two cores: let the consumer run
      }
      return true;
    });
    start.countDown();

    long[] next = new long[PRODUCERS];
    long received = 0;
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (received < (long) PRODUCERS * perProducer && System.nanoTime() < deadline) {
      long[] element = ring.poll();
      if (element == null) {
        pause();
        continue;
      }
      int producer = (int) element[0];
      assertThat(element[1]).as("producer %d: next element (a gap is a loss, a repeat a duplicate)", producer)
          .isEqualTo(next[producer]);
      next[producer]++;
      received++;
    }
    assertThat(received).as("elements received before the deadline").isEqualTo((long) PRODUCERS * perProducer);
    assertThat(next).containsOnly(perProducer);
    joinProducers();
    assertThat(ring.poll()).isNull();
    assertThat(ring.isEmpty()).isTrue();
  }

  @Test
  void concurrentOffersIntoAFullRingAreRefusedExactlyOncePerElementItCannotHold() throws Exception {
    int capacity = 1000;
    int perProducer = 10_000;
    EventRing<long[]> ring = new EventRing<>(capacity);
    AtomicLongArray accepted = new AtomicLongArray(PRODUCERS);
    AtomicLongArray refused = new AtomicLongArray(PRODUCERS);
    CountDownLatch start = startProducers(perProducer, (producer, seq) -> {
      if (ring.offer(new long[] {producer, seq})) {
        accepted.incrementAndGet(producer);
      } else {
        refused.incrementAndGet(producer);
      }
      return true;
    });
    start.countDown();
    joinProducers();

    long totalAccepted = 0;
    for (int p = 0; p < PRODUCERS; p++) {
      assertThat(accepted.get(p) + refused.get(p)).isEqualTo(perProducer);
      totalAccepted += accepted.get(p);
    }
    assertThat(totalAccepted).as("no consumer: the ring takes exactly its capacity").isEqualTo(capacity);
    assertThat(ring.size()).isEqualTo(capacity);

    long[] next = new long[PRODUCERS];
    for (long[] element = ring.poll(); element != null; element = ring.poll()) {
      int producer = (int) element[0];
      // with no consumer the ring only fills up, so each producer's accepted elements are its first ones
      assertThat(element[1]).isEqualTo(next[producer]);
      next[producer]++;
    }
    for (int p = 0; p < PRODUCERS; p++) {
      assertThat(next[p]).as("producer %d: elements taken = offers accepted", p).isEqualTo(accepted.get(p));
    }
  }

  @Test
  void producersThatDropWhenFullAccountForEveryElementWhileTheConsumerRuns() throws Exception {
    int perProducer = 50_000;
    EventRing<long[]> ring = new EventRing<>(128);
    AtomicLongArray refused = new AtomicLongArray(PRODUCERS);
    CountDownLatch start = startProducers(perProducer, (producer, seq) -> {
      if (!ring.offer(new long[] {producer, seq})) {
        refused.incrementAndGet(producer);
      }
      return true;
    });
    start.countDown();

    long[] last = {-1, -1, -1, -1};
    long[] taken = new long[PRODUCERS];
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (System.nanoTime() < deadline && (anyAlive() || !ring.isEmpty())) {
      long[] element = ring.poll();
      if (element == null) {
        pause();
        continue;
      }
      int producer = (int) element[0];
      assertThat(element[1]).as("producer %d keeps its order and is never duplicated", producer)
          .isGreaterThan(last[producer]);
      last[producer] = element[1];
      taken[producer]++;
    }
    assertThat(anyAlive()).as("producers finished before the deadline").isFalse();
    for (int p = 0; p < PRODUCERS; p++) {
      assertThat(taken[p] + refused.get(p)).as("producer %d: taken + refused = offered", p).isEqualTo(perProducer);
    }
  }

  /** One producer's step: offer element {@code seq}; false stops the producer. */
  private interface Step {
    boolean offer(int producer, long seq);
  }

  private CountDownLatch startProducers(int perProducer, Step step) {
    CountDownLatch start = new CountDownLatch(1);
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (long seq = 0; seq < perProducer && !stop.get(); seq++) {
          if (!step.offer(producer, seq)) {
            return;
          }
        }
      }, "ring-producer-" + p);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    return start;
  }

  private void joinProducers() throws InterruptedException {
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
    }
  }

  /** Lets the other side run: a short park, which the scheduler honours under load (see the class comment). */
  private static void pause() {
    LockSupport.parkNanos(1_000);
  }

  private boolean anyAlive() {
    return threads.stream().anyMatch(Thread::isAlive);
  }
}
