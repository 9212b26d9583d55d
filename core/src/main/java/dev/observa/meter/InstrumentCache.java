package dev.observa.meter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Registered instruments by their (already normalized) attribute values, for instrumentations whose attribute
 * values are only known per call (HTTP, database clients), holding at most {@code capacity}
 * entries (plus at most one per thread racing to add the last). The capacity is the metric's series budget,
 * so once it is reached the budget is spent too and the backend folds every new combination into the
 * metric's overflow series: the first instrument registered past the capacity is that overflow series, and
 * it serves every later miss. Values from requests therefore never grow memory here, and a flood of new
 * values costs one map lookup each.
 *
 * <pre>{@code
 * InstrumentCache<Key, Timer> durations = new InstrumentCache<>(maxSeries);
 * durations.get(new Key(method, status), k -> obs.timer("op.duration").tag("method", k.method())
 *     .maxSeries(maxSeries).register()).record(nanos, TimeUnit.NANOSECONDS);
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @param <K> the attribute values, a record with value equality
 * @param <V> the instrument
 * @since 0.1.0
 */
public final class InstrumentCache<K, V> {
  private final Map<K, V> entries = new ConcurrentHashMap<>();
  private final int capacity;
  private volatile V overflow;

  /** @param capacity the metric's series budget */
  public InstrumentCache(int capacity) {
    this.capacity = capacity;
  }

  /**
   * @param key the attribute values
   * @param create registers the instrument for values not seen yet (or the overflow instrument)
   * @return the instrument for these values
   */
  public V get(K key, Function<K, V> create) {
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

  /** @return how many instruments are kept (at most the capacity) */
  public int size() {
    return entries.size();
  }
}
