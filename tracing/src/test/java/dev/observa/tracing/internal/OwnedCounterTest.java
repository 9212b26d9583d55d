package dev.observa.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OwnedCounterTest {

  @Test
  void oneThreadCountsEveryIncrementInItsOwnCell() {
    OwnedCounter counter = new OwnedCounter();
    for (int i = 0; i < 1_000; i++) {
      counter.increment();
    }
    assertThat(counter.sum()).isEqualTo(1_000);
    assertThat(counter.owners()).isEqualTo(1);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void moreThreadsThanSlotsLoseNoIncrementAndTheSumOnlyGrowsWhileTheyCount() throws Exception {
    OwnedCounter counter = new OwnedCounter();
    int threads = OwnedCounter.SLOTS * 3; // most of them find their slot taken and count in the shared adder
    int each = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < each; i++) {
          counter.increment();
        }
      });
      worker.start();
      workers.add(worker);
    }
    AtomicBoolean wentDown = new AtomicBoolean();
    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicLong reads = new AtomicLong();
    Thread reader = new Thread(() -> {
      long last = 0;
      while (reading.get()) {
        long now = counter.sum();
        if (now < last) {
          wentDown.set(true);
        }
        last = now;
        reads.incrementAndGet();
      }
    });
    reader.start();
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    reading.set(false);
    reader.join();

    assertThat(counter.sum()).isEqualTo((long) threads * each);
    assertThat(counter.owners()).isLessThanOrEqualTo(OwnedCounter.SLOTS);
    assertThat(wentDown).as("a counter read while it counts never goes down (Prometheus would see a reset)")
        .isFalse();
    assertThat(reads.get()).isPositive();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theCountsOfThreadsThatEndedStayInTheSum() throws Exception {
    OwnedCounter counter = new OwnedCounter();
    long expected = 0;
    for (int round = 0; round < 3 * OwnedCounter.SLOTS; round++) { // short-lived threads: every slot ends up dead
      int n = round % 7 + 1;
      Thread worker = new Thread(() -> {
        for (int i = 0; i < n; i++) {
          counter.increment();
        }
      });
      worker.start();
      worker.join();
      expected += n;
    }
    counter.increment(); // this thread: its slot may be held by a dead thread, then it counts in the adder
    assertThat(counter.sum()).isEqualTo(expected + 1);
  }
}
