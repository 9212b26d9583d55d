package dev.observa.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Registered instruments by their (already normalized) attribute values, holding at most {@code capacity}
 * entries (plus at most one per thread racing to add the last). The capacity is the metric's series budget,
 * so once it is reached the budget is spent too and the backend folds every new combination into the
 * metric's overflow series: the first instrument registered past the capacity is that overflow series, and
 * it serves every later miss. Values from requests therefore never grow memory here, and a flood of new
 * values costs one map lookup each.
 */
final class BoundedCache<K, V> {
  private final Map<K, V> entries = new ConcurrentHashMap<>();
  private final int capacity;
  private volatile V overflow;

  BoundedCache(int capacity) {
    this.capacity = capacity;
  }

  V get(K key, Function<K, V> create) {
    V value = entries.get(key);
    if (value != null) {
      return value;
    }
    if (entries.size() < capacity) {
      return entries.computeIfAbsent(key, create);
    }
    V spill = overflow;
    if (spill == null) {
      spill = create.apply(key);
      overflow = spill;
    }
    return spill;
  }

  int size() {
    return entries.size();
  }
}
