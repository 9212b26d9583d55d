package dev.observa.tracing.internal;

import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Hands ended spans from request threads to one daemon thread: an offer into a {@link BoundedRing} is all a
 * request thread pays (one compare-and-set: no copy, no lock; when the ring is full the span is refused and the
 * caller counts it). The thread starts with the first span, takes in what gathered every few milliseconds and sleeps once
 * a round found nothing; only an offer that finds it asleep wakes it. {@link #drain()} takes in what is queued on the
 * calling thread, so a reader sees every span ended before it read.
 */
public final class SpanHandoff {
  private final BoundedRing<ReadableSpan> pending;
  private final Consumer<ReadableSpan> keep;
  private final Object lock;
  private final String threadName;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile Thread worker;
  private volatile boolean idle;
  private volatile boolean closed;

  /**
   * @param queueSize spans that may wait
   * @param keep what is done with each span, under {@code lock}; must not throw
   * @param lock the lock {@code keep} runs under
   * @param threadName the daemon thread's name
   */
  public SpanHandoff(int queueSize, Consumer<ReadableSpan> keep, Object lock, String threadName) {
    this.pending = new BoundedRing<>(queueSize);
    this.keep = keep;
    this.lock = lock;
    this.threadName = threadName;
  }

  /**
   * @param span an ended span
   * @return false when it was refused: the queue is full or the hand-off closed
   */
  public boolean offer(ReadableSpan span) {
    if (closed || !pending.offer(span)) {
      return false;
    }
    if (!started.get() && started.compareAndSet(false, true)) {
      Thread thread = new Thread(this::work, threadName);
      thread.setDaemon(true);
      worker = thread;
      thread.start();
    } else if (idle) {
      idle = false;
      LockSupport.unpark(worker);
    }
    return true;
  }

  /**
   * Takes in what gathered every few milliseconds while spans keep coming, so busy request threads find the
   * thread awake and never wake it; after a round that found nothing it sleeps until an offer wakes it.
   */
  private void work() {
    while (!closed) {
      if (take() == 0) {
        idle = true;
        if (pending.isEmpty()) {
          LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
        }
        idle = false;
      }
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(5)); // let a few spans gather
    }
  }

  /** Takes in every queued span on the calling thread (one taker at a time: it holds {@code lock}). */
  public void drain() {
    take();
  }

  /** @return how many spans were taken in */
  private int take() {
    if (pending.isEmpty()) {
      return 0;
    }
    int taken = 0;
    synchronized (lock) {
      ReadableSpan span;
      // at most one ring's worth: every span offered before this call is among them, and busy producers cannot
      // keep a reader here
      while (taken < pending.capacity() && (span = pending.poll()) != null) {
        keep.accept(span);
        taken++;
      }
    }
    return taken;
  }

  /** Takes in what is queued and stops the thread; later offers are refused. */
  public void close() {
    closed = true;
    Thread thread = worker;
    if (thread != null) {
      LockSupport.unpark(thread);
    }
    drain();
  }
}
