package dev.observa.metrics.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few {@link ScrapeBuffer}s kept between scrapes, taken and given back without a lock or an allocation.
 * Concurrent scrapes beyond the pool's size get a buffer of their own, which the pool keeps if a slot is
 * free when it comes back. A buffer grown beyond {@code maxRetainedBytes} (an unusually large answer) is not
 * kept, so one odd scrape does not pin its memory.
 */
public final class ScrapeBufferPool {
  private final AtomicReferenceArray<ScrapeBuffer> slots;
  private final long maxRetainedBytes;

  /**
   * @param size how many buffers to keep
   * @param maxRetainedBytes the largest buffer (plain and gzipped together) kept for the next scrape
   */
  public ScrapeBufferPool(int size, long maxRetainedBytes) {
    this.slots = new AtomicReferenceArray<>(size);
    this.maxRetainedBytes = maxRetainedBytes;
  }

  /** @return an empty buffer, to be given back with {@link #release} */
  public ScrapeBuffer acquire() {
    for (int i = 0; i < slots.length(); i++) {
      ScrapeBuffer buffer = slots.getAndSet(i, null);
      if (buffer != null) {
        buffer.reset();
        return buffer;
      }
    }
    return new ScrapeBuffer();
  }

  /** @param buffer a buffer from {@link #acquire}, no longer used by the caller */
  public void release(ScrapeBuffer buffer) {
    if (buffer.capacity() <= maxRetainedBytes) {
      for (int i = 0; i < slots.length(); i++) {
        if (slots.compareAndSet(i, null, buffer)) {
          return;
        }
      }
    }
    buffer.release();
  }

  /** Frees the kept buffers' native memory. */
  public void clear() {
    for (int i = 0; i < slots.length(); i++) {
      ScrapeBuffer buffer = slots.getAndSet(i, null);
      if (buffer != null) {
        buffer.release();
      }
    }
  }
}
