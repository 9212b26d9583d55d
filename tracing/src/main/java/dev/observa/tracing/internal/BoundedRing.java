package dev.observa.tracing.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded queue many threads offer into and one thread at a time takes from, without a lock: an offer claims
 * the next slot with one compare-and-set on the tail and stores its element into it; it never waits (a full
 * ring refuses the element). The taker (the caller must make sure only one thread takes at a time, e.g. under
 * a lock) reads slots in claim order; a slot claimed but not yet written is waited for, as its writer is
 * between two instructions.
 *
 * <p>Why not {@code ArrayBlockingQueue}: its {@code offer} takes a lock, which the request threads of a busy
 * server would contend on for every ended span. Stressed by {@code BoundedRingTest}.
 *
 * @param <E> the elements
 */
public final class BoundedRing<E> {
  private final AtomicReferenceArray<E> slots;
  private final int mask;
  private final int capacity;
  /** The next position an offer claims. */
  private final AtomicLong tail = new AtomicLong();
  /** The next position to take; advanced by the taker only, after it cleared the slot. */
  private final AtomicLong head = new AtomicLong();

  /** @param capacity elements that may wait, at least 1 */
  public BoundedRing(int capacity) {
    if (capacity < 1 || capacity > 1 << 30) {
      throw new IllegalArgumentException("ring capacity is " + capacity + ": it must be in 1.." + (1 << 30));
    }
    this.capacity = capacity;
    int length = Integer.highestOneBit(capacity);
    if (length < capacity) {
      length <<= 1;
    }
    this.slots = new AtomicReferenceArray<>(length);
    this.mask = length - 1;
  }

  /**
   * @param element the element, not null
   * @return false when the ring holds {@code capacity} elements (nothing was stored)
   */
  public boolean offer(E element) {
    long claimed = tail.get();
    while (true) {
      if (claimed - head.getAcquire() >= capacity) {
        return false;
      }
      long witness = tail.compareAndExchange(claimed, claimed + 1);
      if (witness == claimed) {
        break;
      }
      claimed = witness;
    }
    slots.setRelease((int) claimed & mask, element);
    return true;
  }

  /**
   * Takes the oldest element; only one thread may call it at a time.
   *
   * @return the element, or null when the ring is empty
   */
  public E poll() {
    long position = head.get();
    if (position == tail.get()) {
      return null;
    }
    int slot = (int) position & mask;
    E element;
    for (int spins = 0; (element = slots.getAcquire(slot)) == null; spins++) {
      if (spins < 100) {
        Thread.onSpinWait(); // claimed by an offer that has not stored yet
      } else {
        Thread.yield(); // its writer was descheduled between the claim and the store
      }
    }
    slots.setPlain(slot, null);
    head.setRelease(position + 1); // after the clear: an offer that sees the new head finds the slot empty
    return element;
  }

  /** @return whether nothing is waiting (claimed slots count as waiting) */
  public boolean isEmpty() {
    return head.get() == tail.get();
  }

  /** @return elements that may wait */
  public int capacity() {
    return capacity;
  }
}
