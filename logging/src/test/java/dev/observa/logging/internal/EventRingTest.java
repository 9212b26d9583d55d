package dev.observa.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventRingTest {
  @Test
  void holdsExactlyItsCapacityEvenWhenTheArrayIsRoundedUp() {
    EventRing<Integer> ring = new EventRing<>(5);
    for (int i = 0; i < 5; i++) {
      assertThat(ring.offer(i)).isTrue();
    }
    assertThat(ring.offer(5)).isFalse();
    assertThat(ring.size()).isEqualTo(5);
    assertThat(ring.poll()).isZero();
    assertThat(ring.offer(5)).isTrue();
    List<Integer> rest = new ArrayList<>();
    for (Integer next = ring.poll(); next != null; next = ring.poll()) {
      rest.add(next);
    }
    assertThat(rest).containsExactly(1, 2, 3, 4, 5);
    assertThat(ring.isEmpty()).isTrue();
    assertThatThrownBy(() -> new EventRing<>(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLargeRingShowsFreedSlotsToProducersInBatchesAndAllOfThemWhenEmptied() {
    EventRing<Integer> ring = new EventRing<>(4096);
    for (int i = 0; i < 4096; i++) {
      assertThat(ring.offer(i)).isTrue();
    }
    for (int i = 0; i < EventRing.PUBLISH_EVERY - 1; i++) {
      assertThat(ring.poll()).isEqualTo(i);
    }
    assertThat(ring.offer(-1)).isFalse(); // 31 taken, not yet published
    assertThat(ring.poll()).isEqualTo(EventRing.PUBLISH_EVERY - 1);
    for (int i = 0; i < EventRing.PUBLISH_EVERY; i++) {
      assertThat(ring.offer(-1)).isTrue();
    }
    assertThat(ring.offer(-1)).isFalse();
    int taken = 0;
    while (ring.poll() != null) {
      taken++;
    }
    assertThat(taken).isEqualTo(4096);
    assertThat(ring.isEmpty()).isTrue();
    for (int i = 0; i < 4096; i++) {
      assertThat(ring.offer(i)).isTrue(); // an empty poll published every free slot
    }
  }

  @Test
  void concurrentProducersLoseNothingDuplicateNothingAndKeepTheirOwnOrder() throws Exception {
    int producers = 4;
    int perProducer = 200_000;
    EventRing<long[]> ring = new EventRing<>(64);
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger refused = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int producer = p;
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perProducer; i++) {
          long[] event = {producer, i};
          while (!ring.offer(event)) {
            refused.incrementAndGet();
            Thread.onSpinWait();
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    start.countDown();
    long[] lastSeen = new long[producers];
    java.util.Arrays.fill(lastSeen, -1);
    int received = 0;
    while (received < producers * perProducer) {
      long[] event = ring.poll();
      if (event == null) {
        Thread.onSpinWait();
        continue;
      }
      int producer = (int) event[0];
      assertThat(event[1]).isEqualTo(lastSeen[producer] + 1);
      lastSeen[producer] = event[1];
      received++;
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(ring.poll()).isNull();
    assertThat(lastSeen).containsOnly(perProducer - 1);
  }
}
