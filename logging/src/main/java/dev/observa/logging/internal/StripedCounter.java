package dev.observa.logging.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A counter striped over a few cells, each on cache lines of its own ({@code LongAdder} pads its cells but
 * not its base, which can share a line with whatever was allocated next to it). A thread keeps to the cell
 * its id hashes to. Increments are atomic; {@link #sum()} is exact once increments stop.
 */
public final class StripedCounter {
  /** Longs per 128 bytes. */
  private static final int STRIDE = 16;
  private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] cells;
  private final int mask;

  /** Creates a counter with a cell per processor (a power of two, at most 64). */
  public StripedCounter() {
    int processors = Math.min(64, Math.max(1, Runtime.getRuntime().availableProcessors()));
    int count = Integer.highestOneBit(Math.max(1, processors - 1)) << 1;
    this.cells = new long[(count + 1) * STRIDE]; // cell i at (i + 1) × STRIDE: none shares the array header's line
    this.mask = count - 1;
  }

  /** Adds one. */
  public void increment() {
    long id = Thread.currentThread().getId();
    int cell = (int) ((id * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    CELL.getAndAdd(cells, (cell + 1) * STRIDE, 1L);
  }

  /** @return the total */
  public long sum() {
    long total = 0;
    for (int cell = 0; cell <= mask; cell++) {
      total += (long) CELL.getVolatile(cells, (cell + 1) * STRIDE);
    }
    return total;
  }
}
