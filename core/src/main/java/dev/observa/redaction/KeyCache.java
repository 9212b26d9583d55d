package dev.observa.redaction;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A value computed once per key string, for the lookups made on every span attribute and log field (an attribute's
 * {@code AttributeKey}, a key's redaction rule). A key is most often a constant, the same {@code String} instance
 * at every call, so a small two-way table is checked first (its two slots by identity, then by equality) before a
 * bounded {@link ConcurrentHashMap}: a hit reads the key's cached hash, two array slots and a reference, where
 * {@code ConcurrentHashMap.get} spreads the hash, reads its table volatile and compares a node's hash and key. Two
 * slots per set, because a direct-mapped table of 256 slots already has two of 20 keys in one slot more often than
 * not ({@code request_id} and {@code user} do).
 *
 * <p>Bounded: at most {@code maxKeys} keys of at most {@code maxKeyLength} chars are kept; another key's value is
 * computed at each call. The front table holds entries of kept keys only, in the set of their hash, written
 * without a lock: a reader sees a slot empty or filled (entries are immutable, published through final fields).
 * A slot is written once, by the first kept key found for its set while it is empty: keys sharing a set never take
 * a slot from each other, so once warm a lookup writes nothing to memory that request threads share; a third key of
 * a full set is found in the map, as without the table. Thread-safe.
 *
 * <p>Public because two API packages share it (the policy's key verdicts here, span attribute keys in
 * {@code dev.observa.trace}), which may not use core's {@code internal} package; applications have no need of it.
 *
 * <pre>{@code
 * KeyCache<AttributeKey<String>> keys = new KeyCache<>(AttributeKey::stringKey, 1024, 128);
 * span.setAttribute(keys.get("http.route"), route);
 * }</pre>
 *
 * @param <V> the value, immutable
 * @since 0.1.0
 */
public final class KeyCache<V> {
  /** Sets of the front table, two slots each. */
  private static final int FRONT_SETS = 256;

  private final Function<String, V> compute;
  private final int maxKeys;
  private final int maxKeyLength;
  private final ConcurrentHashMap<String, Entry<V>> kept = new ConcurrentHashMap<>();
  @SuppressWarnings("unchecked")
  private final Entry<V>[] front = new Entry[FRONT_SETS * 2];

  /** A kept key and its value: final fields, so an entry read through a racy slot is complete. */
  private static final class Entry<V> {
    final String key;
    final V value;

    Entry(String key, V value) {
      this.key = key;
      this.value = value;
    }
  }

  /**
   * @param compute the value of a key; called at most once per kept key (more often under a race, or for a key
   *     not kept), never with null
   * @param maxKeys how many keys are kept
   * @param maxKeyLength the longest key kept, in chars
   */
  public KeyCache(Function<String, V> compute, int maxKeys, int maxKeyLength) {
    this.compute = Objects.requireNonNull(compute, "compute");
    this.maxKeys = maxKeys;
    this.maxKeyLength = maxKeyLength;
  }

  /**
   * @param key a key, not null
   * @return its value
   */
  public V get(String key) {
    Entry<V>[] table = front;
    int set = (key.hashCode() & (FRONT_SETS - 1)) << 1;
    Entry<V> first = table[set];
    if (first != null && first.key == key) {
      return first.value;
    }
    Entry<V> second = table[set + 1];
    if (second != null && second.key == key) {
      return second.value;
    }
    return miss(key, table, set, first, second); // the rest out of line: this check inlines into every caller
  }

  private V miss(String key, Entry<V>[] table, int set, Entry<V> first, Entry<V> second) {
    if (first != null && first.key.equals(key)) {
      return first.value;
    }
    if (second != null && second.key.equals(key)) {
      return second.value;
    }
    Entry<V> entry = kept.get(key);
    if (entry == null) {
      V value = compute.apply(key);
      if (key.length() > maxKeyLength || kept.size() >= maxKeys) {
        return value;
      }
      Entry<V> made = new Entry<>(key, value);
      Entry<V> raced = kept.putIfAbsent(key, made);
      entry = raced != null ? raced : made;
    }
    if (first == null) {
      table[set] = entry; // racing threads may each write one; either entry answers for its own key
    } else if (second == null) {
      table[set + 1] = entry;
    }
    return entry.value;
  }

  /** @return how many keys are kept */
  public int size() {
    return kept.size();
  }
}
