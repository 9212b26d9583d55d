package dev.observa.metrics.internal;

import java.util.Arrays;

/**
 * Maps tag-value tuples to what was resolved for them, with reads that take no lock and allocate
 * nothing: a hash table of immutable chains, compared value by value (identity first). Writers
 * synchronize; a reader that misses a concurrent insert just resolves again. Holds at most
 * {@code capacity} tuples, so a flood of distinct values cannot grow it.
 *
 * @param <V> what a tuple resolves to
 */
final class TagValuesTable<V> {
  private record Entry<V>(String[] values, int hash, V value, Entry<V> next) {}

  private final int capacity;
  private volatile Entry<V>[] table;
  private int size;

  /** @param capacity the most tuples kept */
  @SuppressWarnings("unchecked")
  TagValuesTable(int capacity) {
    this.capacity = capacity;
    this.table = (Entry<V>[]) new Entry<?>[16];
  }

  static int hash(String value) {
    return value.hashCode();
  }

  static int hash(String first, String second) {
    return first.hashCode() * 31 + second.hashCode();
  }

  static int hash(String[] values) {
    int h = 0;
    for (String value : values) {
      h = h * 31 + value.hashCode();
    }
    return h;
  }

  /** @return the value for the 1-tuple, or null; {@code value} must not be null */
  V get(String value) {
    int h = hash(value);
    Entry<V>[] t = table;
    for (Entry<V> e = t[h & (t.length - 1)]; e != null; e = e.next) {
      if (e.hash == h && e.values.length == 1 && same(e.values[0], value)) {
        return e.value;
      }
    }
    return null;
  }

  /** @return the value for the 2-tuple, or null; values must not be null */
  V get(String first, String second) {
    int h = hash(first, second);
    Entry<V>[] t = table;
    for (Entry<V> e = t[h & (t.length - 1)]; e != null; e = e.next) {
      if (e.hash == h && e.values.length == 2 && same(e.values[0], first) && same(e.values[1], second)) {
        return e.value;
      }
    }
    return null;
  }

  /** @return the value for the tuple, or null; values must not be null */
  V get(String[] values) {
    int h = hash(values);
    Entry<V>[] t = table;
    for (Entry<V> e = t[h & (t.length - 1)]; e != null; e = e.next) {
      if (e.hash == h && sameAll(e.values, values)) {
        return e.value;
      }
    }
    return null;
  }

  /**
   * Keeps a tuple unless the table is full.
   *
   * @param values the tuple (copied)
   * @param value what it resolves to
   */
  synchronized void put(String[] values, V value) {
    if (size >= capacity || get(values) != null) {
      return;
    }
    Entry<V>[] t = table;
    if (size + 1 > t.length * 3 / 4) {
      t = resized(t);
    }
    String[] key = values.clone();
    int h = hash(key);
    int index = h & (t.length - 1);
    t[index] = new Entry<>(key, h, value, t[index]);
    size++;
    table = t; // volatile write publishes the new chain head
  }

  @SuppressWarnings("unchecked")
  private Entry<V>[] resized(Entry<V>[] old) {
    Entry<V>[] bigger = (Entry<V>[]) new Entry<?>[old.length * 2];
    for (Entry<V> head : old) {
      for (Entry<V> e = head; e != null; e = e.next) {
        int index = e.hash & (bigger.length - 1);
        bigger[index] = new Entry<>(e.values, e.hash, e.value, bigger[index]);
      }
    }
    return bigger;
  }

  /** @return the number of tuples kept */
  synchronized int size() {
    return size;
  }

  private static boolean same(String a, String b) {
    return a == b || a.equals(b);
  }

  private static boolean sameAll(String[] a, String[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!same(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "TagValuesTable{size=" + size() + ", slots=" + Arrays.stream(table).filter(e -> e != null).count() + "}";
  }
}
