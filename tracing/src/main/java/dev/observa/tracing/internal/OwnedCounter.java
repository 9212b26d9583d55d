package dev.observa.tracing.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A counter a thread increments without an atomic instruction: each thread that counts claims a cell of its own
 * (once, by a compare-and-set on a slot chosen by its thread id) and from then on adds to it with a plain load and
 * an opaque store, which no other thread writes. A thread whose slot another thread (alive or not) already owns
 * counts in a {@link LongAdder}. Exact: every increment lands in exactly one place, and {@link #sum()} adds them
 * up; the sum never goes down, as every part only grows.
 *
 * <p>Why not {@code LongAdder} alone: its uncontended add is a locked compare-and-set, a full fence on x86 that
 * waits for the stores before it, and a span's start and end each come right after the SDK's allocations. Counting
 * the spans of a server request that way cost 2-7 % of the request with a batch exporter (scenario 4 in
 * {@code benchmarks/}, interleaved runs); an owned cell costs a few plain instructions. Why not a
 * {@code ThreadLocal}: a new virtual thread per request would make a cell per request. Here a slot is claimed for
 * good and the owner is the {@code Thread} object itself (not its id), so a new thread never counts in a dead one's
 * cell: at most {@value #SLOTS} threads (in a server, the pool's threads, as they count first) count without
 * atomics and every later thread whose slot is taken uses the adder, at its usual cost. A dead owner keeps its
 * cell, so its counts stay in the sum; the slots hold at most {@value #SLOTS} {@code Thread} objects.
 */
final class OwnedCounter {
  static final int SLOTS = 256;
  private static final VarHandle VALUE;

  static {
    try {
      VALUE = MethodHandles.lookup().findVarHandle(CellValue.class, "value", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final AtomicReferenceArray<Cell> cells = new AtomicReferenceArray<>(SLOTS);
  private final LongAdder others = new LongAdder();

  /** Adds one for the calling thread. */
  void increment() {
    Thread thread = Thread.currentThread();
    Cell cell = cells.getPlain(slot(thread));
    if (cell != null && cell.owner == thread) {
      // only the owner writes this cell: a plain read of its own last write, an opaque write for readers
      VALUE.setOpaque(cell, cell.value + 1);
    } else {
      claimOrShare(thread, cell);
    }
  }

  private void claimOrShare(Thread thread, Cell seen) {
    if (seen == null) {
      Cell mine = new Cell(thread);
      mine.value = 1; // published with the cell by the compare-and-set
      if (cells.compareAndSet(slot(thread), null, mine)) {
        return;
      }
    }
    others.increment();
  }

  @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+; both are the same unique id
  private static int slot(Thread thread) {
    return (int) thread.getId() & (SLOTS - 1);
  }

  /** @return every increment so far (those racing with this call may or may not be in it) */
  long sum() {
    long sum = others.sum();
    for (int i = 0; i < SLOTS; i++) {
      Cell cell = cells.get(i);
      if (cell != null) {
        sum += (long) VALUE.getOpaque(cell);
      }
    }
    return sum;
  }

  /** @return how many threads own a cell (for tests) */
  int owners() {
    int owners = 0;
    for (int i = 0; i < SLOTS; i++) {
      owners += cells.get(i) != null ? 1 : 0;
    }
    return owners;
  }

  /**
   * One thread's count, padded on both sides so that two owners counting on two cores do not share a cache line
   * (the padding fields are in superclasses and a subclass, which the JVM lays out in that order).
   */
  static final class Cell extends CellValue {
    long p10, p11, p12, p13, p14, p15, p16;

    Cell(Thread owner) {
      super(owner);
    }
  }

  abstract static class CellPad {
    long p00, p01, p02, p03, p04, p05, p06;
  }

  abstract static class CellValue extends CellPad {
    final Thread owner;
    long value; // written by the owner only (opaque stores), read by sum() (opaque loads)

    CellValue(Thread owner) {
      this.owner = owner;
    }
  }
}
