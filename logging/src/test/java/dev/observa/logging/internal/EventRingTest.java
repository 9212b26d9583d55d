package dev.observa.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Single-threaded behaviour of the ring; {@link EventRingStressTest} runs it with concurrent producers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
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
}
