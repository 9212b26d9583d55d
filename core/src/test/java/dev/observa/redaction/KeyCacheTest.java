package dev.observa.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class KeyCacheTest {
  private final AtomicInteger computed = new AtomicInteger();
  private final KeyCache<String> cache = new KeyCache<>(key -> {
    computed.incrementAndGet();
    return "value of " + key;
  }, 100, 16);

  @Test
  void aKeyIsComputedOnceAndItsValueReturnedAtEveryCall() {
    String first = cache.get("http.route");
    assertThat(cache.get("http.route")).isSameAs(first).isEqualTo("value of http.route");
    assertThat(computed).hasValue(1);
  }

  @Test
  void aKeyMadeAnewWithTheSameCharsFindsTheKeptValue() {
    String first = cache.get("db.system");
    String other = new String("db.system".toCharArray());
    assertThat(cache.get(other)).isSameAs(first);
    assertThat(computed).hasValue(1);
  }

  @Test
  void keysSharingAFrontSlotEachKeepTheirOwnValue() {
    // "Aa" and "BB" have the same String hash, so the same front slot; so do "AaAa", "BBBB", "AaBB"
    List<String> colliding = List.of("Aa", "BB", "AaAa", "BBBB", "AaBB");
    for (int round = 0; round < 3; round++) {
      for (String key : colliding) {
        assertThat(cache.get(key)).isEqualTo("value of " + key);
      }
    }
    assertThat(computed).hasValue(colliding.size());
  }

  @Test
  void keysBeyondTheBoundsAreAnsweredButNotKept() {
    for (int i = 0; i < 300; i++) {
      assertThat(cache.get("k" + i)).isEqualTo("value of k" + i);
    }
    assertThat(cache.size()).isEqualTo(100);
    String tooLong = "x".repeat(17);
    assertThat(cache.get(tooLong)).isEqualTo("value of " + tooLong);
    int before = computed.get();
    cache.get(tooLong);
    assertThat(computed.get()).isEqualTo(before + 1);
    assertThat(cache.size()).isEqualTo(100);
  }

  @Test
  @Timeout(30)
  void threadsAskingForCollidingKeysAlwaysGetTheirOwnKeysValue() throws Exception {
    KeyCache<String> shared = new KeyCache<>(key -> "value of " + key, 1000, 64);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      keys.add("key-" + i); // more keys than front slots: slots are overwritten while others read them
    }
    ConcurrentHashMap<String, Boolean> wrong = new ConcurrentHashMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t * 37;
        done.add(threads.submit(() -> {
          for (int round = 0; round < 200; round++) {
            for (int i = 0; i < keys.size(); i++) {
              String key = keys.get((i + offset) % keys.size());
              if (!shared.get(key).equals("value of " + key)) {
                wrong.put(key, true);
              }
            }
          }
        }));
      }
      for (Future<?> future : done) {
        future.get(20, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(wrong).isEmpty();
    assertThat(shared.size()).isEqualTo(600);
  }
}
