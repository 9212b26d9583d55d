package dev.observa.logging.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded multi-producer, single-consumer queue without locks: producers claim a slot with one CAS on
 * the tail and publish the element with a release store; the one consumer takes elements in order and
 * frees their slots. {@link #offer} never blocks and fails when the ring holds {@code capacity} elements.
 *
 * <p>The tail (written by producers) and the head (written by the consumer) sit on cache lines of their
 * own, away from the fields both only read. The consumer publishes its head every
 * {@value #PUBLISH_EVERY} takes in rings of 2048 slots or more (every take in rings up to 127 slots, in
 * between in proportion; and whenever it finds the ring empty), so producers see at most 1/64 of the ring
 * free late, and its line changes that much less often; producers check for room against a cached
 * copy of the head and read the consumer's line only when the ring looks full.
 *
 * @param <E> the element type
 */
public final class EventRing<E> extends EventRingFields.AfterHead {
  private static final VarHandle TAIL;
  private static final VarHandle HEAD;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      TAIL = lookup.findVarHandle(EventRingFields.Tail.class, "tail", long.class);
      HEAD = lookup.findVarHandle(EventRingFields.Head.class, "head", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static final int PUBLISH_EVERY = 32;

  private final AtomicReferenceArray<E> slots;
  private final int mask;
  private final int capacity;
  /** Publish the head when {@code (next & publishMask) == 0}: every take for small rings, every 32 for large. */
  private final int publishMask;

  /** @param capacity the most elements held (the array is rounded up to a power of two) */
  public EventRing(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
    this.slots = new AtomicReferenceArray<>(Math.max(2, size));
    this.mask = slots.length() - 1;
    this.capacity = capacity;
    this.publishMask = Math.min(PUBLISH_EVERY, Integer.highestOneBit(Math.max(1, capacity / 64))) - 1;
  }

  /**
   * @param element the element, not null
   * @return false, without waiting, when the ring is full
   */
  public boolean offer(E element) {
    long t;
    do {
      t = (long) TAIL.getVolatile(this);
      if (!hasRoom(t, 1)) {
        return false;
      }
    } while (!TAIL.compareAndSet(this, t, t + 1));
    slots.lazySet((int) (t & mask), element);
    return true;
  }

  /**
   * @param free slots that must stay free
   * @return whether more than {@code free} slots are free now (false is exact; true may be optimistic by
   *     the elements claimed since)
   */
  public boolean hasRoomBeyond(int free) {
    return hasRoom((long) TAIL.getVolatile(this), free);
  }

  /** Whether {@code needed} slots are free beyond tail {@code t}: the cached head first, the head when short. */
  private boolean hasRoom(long t, long needed) {
    if (capacity - (t - cachedHead) >= needed) {
      return true;
    }
    long h = (long) HEAD.getVolatile(this);
    cachedHead = h; // racy: a stale copy only means reading the head again
    return capacity - (t - h) >= needed;
  }

  /**
   * Takes the oldest element; only the consumer thread may call this.
   *
   * @return the element, or null when none is published yet
   */
  public E poll() {
    long h = next;
    int index = (int) (h & mask);
    E element = slots.get(index);
    if (element == null) {
      HEAD.setRelease(this, h); // idle or waiting for a publish: let producers see every free slot
      return null;
    }
    slots.lazySet(index, null);
    next = h + 1;
    if ((next & publishMask) == 0) {
      HEAD.setRelease(this, next);
    }
    return element;
  }

  /**
   * @return elements claimed and not yet taken (some may still be being published; up to
   *     {@value #PUBLISH_EVERY} taken ones may still be counted)
   */
  public int size() {
    long size = (long) TAIL.getVolatile(this) - (long) HEAD.getVolatile(this);
    return (int) Math.max(0, Math.min(size, capacity));
  }

  /** @return true when nothing is claimed and not yet taken; for the consumer thread */
  public boolean isEmpty() {
    return (long) TAIL.getVolatile(this) == next;
  }

  /** @return the most elements held */
  public int capacity() {
    return capacity;
  }
}
