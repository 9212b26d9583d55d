package dev.observa.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lock-free hand-off ring: bounded, nothing lost beyond refused offers, FIFO per producer, never hangs. */
@Timeout(120)
class BoundedRingTest {
  private static final int PRODUCERS = 8;
  private static final int PER_PRODUCER = 200_000;

  @Test
  void refusesOffersBeyondItsCapacityAndTakesInOrder() {
    BoundedRing<Integer> ring = new BoundedRing<>(3); // not a power of two: the bound is still 3
    assertThat(ring.offer(1)).isTrue();
    assertThat(ring.offer(2)).isTrue();
    assertThat(ring.offer(3)).isTrue();
    assertThat(ring.offer(4)).isFalse();
    assertThat(ring.poll()).isEqualTo(1);
    assertThat(ring.offer(5)).isTrue();
    assertThat(ring.poll()).isEqualTo(2);
    assertThat(ring.poll()).isEqualTo(3);
    assertThat(ring.poll()).isEqualTo(5);
    assertThat(ring.poll()).isNull();
    assertThat(ring.isEmpty()).isTrue();
  }

  @Test
  void rejectsACapacityBelowOneNamingTheValue() {
    assertThatThrownBy(() -> new BoundedRing<>(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
  }

  /**
   * Many producers against one taker at a time (two takers alternating under a lock, as the store's daemon thread
   * and its readers do), on a small ring so most offers meet a full one: every element is either taken exactly
   * once or was refused to its producer, each producer's elements come out in its order, and no slot is ever
   * taken twice or left behind.
   */
  @Test
  void manyProducersLoseNothingBeyondRefusedOffers() throws Exception {
    BoundedRing<Long> ring = new BoundedRing<>(64);
    ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + 2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      AtomicBoolean producing = new AtomicBoolean(true);
      List<Future<Long>> producers = new ArrayList<>();
      for (int p = 0; p < PRODUCERS; p++) {
        long producer = p;
        producers.add(pool.submit(() -> {
          start.await();
          long refused = 0;
          for (long i = 0; i < PER_PRODUCER; i++) {
            if (!ring.offer(producer << 32 | i)) {
              refused++;
            }
          }
          return refused;
        }));
      }
      Object takerLock = new Object();
      long[] lastSeen = new long[PRODUCERS];
      java.util.Arrays.fill(lastSeen, -1);
      long[] taken = new long[1];
      boolean[] outOfOrder = new boolean[1];
      List<Future<?>> takers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        takers.add(pool.submit(() -> {
          start.await();
          while (producing.get() || !ring.isEmpty()) {
            synchronized (takerLock) {
              for (int n = 0; n < 100; n++) {
                Long element = ring.poll();
                if (element == null) {
                  break;
                }
                int producer = (int) (element >>> 32);
                long sequence = element & 0xffff_ffffL;
                if (sequence <= lastSeen[producer]) {
                  outOfOrder[0] = true;
                }
                lastSeen[producer] = sequence;
                taken[0]++;
              }
            }
            Thread.yield();
          }
          return null;
        }));
      }
      start.countDown();
      long refused = 0;
      for (Future<Long> producer : producers) {
        refused += producer.get(100, TimeUnit.SECONDS);
      }
      producing.set(false);
      for (Future<?> taker : takers) {
        taker.get(100, TimeUnit.SECONDS);
      }
      synchronized (takerLock) {
        assertThat(outOfOrder[0]).as("a producer's elements taken out of its order, or twice").isFalse();
        assertThat(taken[0] + refused).isEqualTo((long) PRODUCERS * PER_PRODUCER);
        assertThat(taken[0]).isPositive();
      }
      assertThat(ring.poll()).isNull();
    } finally {
      pool.shutdownNow();
    }
  }
}
