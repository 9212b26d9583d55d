package dev.observa.tracing.internal;

import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Hands ended spans from request threads to one daemon thread: an offer into a bounded queue is all a request
 * thread pays (no copy, no lock of the store; when the queue is full the span is refused and the caller counts
 * it). The thread starts with the first span, takes in what gathered every few milliseconds and sleeps while
 * nothing comes. {@link #drain()} takes in what is queued on the calling thread, so a reader sees every span
 * ended before it read.
 */
public final class SpanHandoff {
  private final ArrayBlockingQueue<ReadableSpan> pending;
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
    this.pending = new ArrayBlockingQueue<>(queueSize);
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

  private void work() {
    while (!closed) {
      drain();
      idle = true;
      if (pending.isEmpty()) {
        LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
      }
      idle = false;
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(5)); // let a few spans gather
    }
  }

  /** Takes in every queued span on the calling thread. */
  public void drain() {
    if (pending.isEmpty()) {
      return;
    }
    synchronized (lock) {
      ReadableSpan span;
      while ((span = pending.poll()) != null) {
        keep.accept(span);
      }
    }
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
