package dev.observa.logging.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded multi-producer, single-consumer queue without locks: producers claim a slot with one CAS on
 * the tail and publish the element with a release store; the one consumer takes elements in order and
 * frees their slots. {@link #offer} never blocks and fails when the ring holds {@code capacity} elements.
 *
 * @param <E> the element type
 */
public final class EventRing<E> {
  private final AtomicReferenceArray<E> slots;
  private final int mask;
  private final int capacity;
  private final AtomicLong tail = new AtomicLong();
  private volatile long head;

  /** @param capacity the most elements held (the array is rounded up to a power of two) */
  public EventRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
    this.slots = new AtomicReferenceArray<>(Math.max(2, size));
    this.mask = slots.length() - 1;
    this.capacity = capacity;
  }

  /**
   * @param element the element, not null
   * @return false, without waiting, when the ring is full
   */
  public boolean offer(E element) {
    long t;
    do {
      t = tail.get();
      if (t - head >= capacity) {
        return false;
      }
    } while (!tail.compareAndSet(t, t + 1));
    slots.lazySet((int) (t & mask), element);
    return true;
  }

  /**
   * Takes the oldest element; only the consumer thread may call this.
   *
   * @return the element, or null when none is published yet
   */
  public E poll() {
    long h = head;
    int index = (int) (h & mask);
    E element = slots.get(index);
    if (element == null) {
      return null;
    }
    slots.lazySet(index, null);
    head = h + 1;
    return element;
  }

  /** @return elements claimed and not yet taken (some may still be being published) */
  public int size() {
    long size = tail.get() - head;
    return (int) Math.max(0, Math.min(size, capacity));
  }

  /** @return true when nothing is claimed and not yet taken */
  public boolean isEmpty() {
    return tail.get() == head;
  }

  /** @return the most elements held */
  public int capacity() {
    return capacity;
  }
}
