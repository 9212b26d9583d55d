package dev.observa.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Registered instruments by their (already normalized) attribute values, holding at most {@code capacity}
 * entries (plus at most one per thread racing to add the last). Past it, instruments are looked up again
 * on each call and not kept: the metric's own series budget then folds new combinations into its overflow
 * series, so values from requests never grow memory here.
 */
final class BoundedCache<K, V> {
  private final Map<K, V> entries = new ConcurrentHashMap<>();
  private final int capacity;

  BoundedCache(int capacity) {
    this.capacity = capacity;
  }

  V get(K key, Function<K, V> create) {
    V value = entries.get(key);
    if (value != null) {
      return value;
    }
    if (entries.size() >= capacity) {
      return create.apply(key);
    }
    return entries.computeIfAbsent(key, create);
  }

  int size() {
    return entries.size();
  }
}
