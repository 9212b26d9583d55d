package dev.observa.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import dev.observa.Observa;
import dev.observa.context.ObservaContext;
import dev.observa.logging.internal.DroppedEventsMetric;
import dev.observa.logging.internal.EventRing;
import dev.observa.logging.internal.ImmutableArguments;
import dev.observa.logging.internal.JsonWriter;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.event.KeyValuePair;

/**
 * An asynchronous Logback appender made for request threads and for the shared context. The calling
 * thread prepares the event (message formatted, MDC copied), captures the shared context, and hands both
 * to a bounded lock-free queue; one worker thread passes them to the attached appenders, so the JSON line
 * written there carries the right trace id, baggage and tenant. It never blocks by default
 * ({@code neverBlock}): an event that finds the queue full — or, for TRACE/DEBUG/INFO, finds fewer than
 * {@code discardingThreshold} free slots (default a fifth of the queue) — is dropped and counted in
 * {@link #droppedEvents()} and the self-metric {@value #DROPPED_METRIC}. The same settings as Logback's
 * {@code AsyncAppender}:
 *
 * <pre>{@code
 * <appender name="ASYNC_JSON" class="dev.observa.logging.ObservaAsyncAppender">
 *   <queueSize>8192</queueSize>
 *   <appender-ref ref="JSON"/>
 * </appender>
 * }</pre>
 *
 * <p>An attached appender that stops itself after an I/O error (Logback's stream appenders do) is started
 * again by the worker, at most every {@value #REVIVE_INTERVAL_MILLIS} ms; the events it loses meanwhile are
 * counted as dropped and in {@link #sinkFailures()}. On stop, the worker delivers what is queued for up to
 * {@code maxFlushTime} milliseconds (default 1000), one summary line with the final counts is written to the
 * attached appenders, then they are stopped.
 *
 * @since 0.1.0
 */
public class ObservaAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
    implements AppenderAttachable<ILoggingEvent> {
  /** The self-metric counting dropped log events. */
  public static final String DROPPED_METRIC = "observa.log.events.dropped";
  /**
   * How long an idle worker parks at most. A producer unparks it whenever it is idle ({@code workerIdle} and the
   * ring's tail are both volatile: one of the two sides always sees the other), so this is only a safety net; a
   * short park woke an idle worker a thousand times a second, a few µs of CPU per request of a busy server.
   */
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** Spins the worker waits for a claimed slot to be published before it parks instead. */
  private static final int PUBLISH_SPINS = 100;
  private static final long PUBLISH_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
  /** Least time between two attempts to start a sink that stopped itself. */
  static final long REVIVE_INTERVAL_MILLIS = 100;
  @SuppressWarnings("unchecked")
  private static final Appender<ILoggingEvent>[] NO_SINKS = new Appender[0];

  private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder sinkFailures = new LongAdder();
  private volatile Appender<ILoggingEvent>[] sinks = NO_SINKS;
  private long lastRevive;
  private long undeliveredAtStop;
  private int queueSize = 256;
  private int discardingThreshold = -1;
  private boolean neverBlock = true;
  private boolean includeCallerData;
  private int maxFlushTime = 1000;
  private volatile EventRing<ILoggingEvent> ring;
  private volatile Thread worker;
  private volatile boolean running;
  private volatile boolean workerIdle;
  private volatile Observa countedBy;

  /** @param queueSize the most events waiting for the worker; default 256 */
  public void setQueueSize(int queueSize) {
    this.queueSize = queueSize;
  }

  /** @return the queue size */
  public int getQueueSize() {
    return queueSize;
  }

  /**
   * @param discardingThreshold below this many free slots, TRACE/DEBUG/INFO events are dropped; 0 keeps
   *     all levels until the queue is full; default a fifth of the queue
   */
  public void setDiscardingThreshold(int discardingThreshold) {
    this.discardingThreshold = discardingThreshold;
  }

  /** @return the discarding threshold */
  public int getDiscardingThreshold() {
    return discardingThreshold;
  }

  /** @param neverBlock whether a full queue drops the event (default) rather than making the caller wait */
  public void setNeverBlock(boolean neverBlock) {
    this.neverBlock = neverBlock;
  }

  /** @return whether a full queue drops rather than blocks */
  public boolean isNeverBlock() {
    return neverBlock;
  }

  /** @param includeCallerData whether caller data (class, method, line) is captured before the hand-off */
  public void setIncludeCallerData(boolean includeCallerData) {
    this.includeCallerData = includeCallerData;
  }

  /** @return whether caller data is captured */
  public boolean isIncludeCallerData() {
    return includeCallerData;
  }

  /** @param maxFlushTime milliseconds the worker may take to deliver what is queued when stopping */
  public void setMaxFlushTime(int maxFlushTime) {
    this.maxFlushTime = maxFlushTime;
  }

  /** @return the flush time on stop, in milliseconds */
  public int getMaxFlushTime() {
    return maxFlushTime;
  }

  /** @return events waiting for the worker */
  public int getNumberOfElementsInQueue() {
    EventRing<ILoggingEvent> current = ring;
    return current == null ? 0 : current.size();
  }

  /** @return free slots in the queue */
  public int getRemainingCapacity() {
    EventRing<ILoggingEvent> current = ring;
    return current == null ? queueSize : current.capacity() - current.size();
  }

  @Override
  public void start() {
    if (isStarted()) {
      return;
    }
    if (queueSize < 1) {
      addError("Invalid queue size [" + queueSize + "]");
      return;
    }
    if (discardingThreshold < 0) {
      discardingThreshold = queueSize / 5;
    }
    ring = new EventRing<>(queueSize);
    running = true;
    Thread thread = new Thread(this::deliver, "observa-async-appender-" + getName());
    thread.setDaemon(true);
    worker = thread;
    super.start();
    thread.start();
  }

  @Override
  protected void append(ILoggingEvent event) {
    try {
      enqueue(event);
    } catch (Throwable e) {
      JsonWriter.rethrowIfFatal(e); // e.g. an argument's toString() threw: the event is lost, and counted
      drop();
    }
  }

  private void enqueue(ILoggingEvent event) {
    EventRing<ILoggingEvent> queue = ring;
    if (!queue.hasRoomBeyond(discardingThreshold) && event.getLevel().toInt() <= Level.INFO_INT) {
      drop();
      return;
    }
    prepare(event);
    if (includeCallerData) {
      event.getCallerData();
    }
    ILoggingEvent handed = new ContextualLoggingEvent(event, ObservaContext.current());
    boolean queued = queue.offer(handed) || (!neverBlock && offerWaiting(queue, handed));
    if (!queued) {
      drop();
      return;
    }
    if (workerIdle) {
      LockSupport.unpark(worker);
    }
  }

  /**
   * What Logback's {@code prepareForDeferredProcessing()} does, except that a message whose arguments are
   * all immutable values is formatted by the worker: the thread name and the MDC must be read on the
   * calling thread, and so must the text of arguments that may change after the call returns.
   */
  private static void prepare(ILoggingEvent event) {
    if (!ImmutableArguments.all(event.getArgumentArray())) {
      event.getFormattedMessage();
    }
    event.getThreadName();
    event.getMDCPropertyMap();
  }

  /** Blocking mode: waits for a free slot while the appender runs. */
  private boolean offerWaiting(EventRing<ILoggingEvent> queue, ILoggingEvent event) {
    while (running && !Thread.currentThread().isInterrupted()) {
      LockSupport.unpark(worker);
      LockSupport.parkNanos(this, 100_000);
      if (queue.offer(event)) {
        return true;
      }
    }
    return false;
  }

  private void drop() {
    dropped.increment();
    if (Observa.global() != countedBy) {
      countOn(Observa.global());
    }
  }

  /** Shows this appender's drops from now on in the self-metric of {@code global}. */
  private synchronized void countOn(Observa global) {
    if (global == countedBy) {
      return;
    }
    countedBy = global; // first: registering may log, and that event may come back here dropped
    try {
      DroppedEventsMetric.count(global, DROPPED_METRIC, dropped::sum, dropped.sum() - 1); // this drop counts
    } catch (RuntimeException e) {
      addWarn("Could not register the dropped-events self-metric", e);
    }
  }

  /** The worker: delivers in order, parks when idle until a producer wakes it, drains what is left when stopping. */
  private void deliver() {
    EventRing<ILoggingEvent> queue = ring;
    int waits = 0;
    while (true) {
      ILoggingEvent event = queue.poll();
      if (event != null) {
        waits = 0;
        appendSafely(event);
        continue;
      }
      if (!queue.isEmpty()) {
        // a producer claimed a slot and is about to publish it; if it was preempted in between, spinning
        // on would hold a core it needs (two cores, under load): after a short spin, park briefly
        if (++waits < PUBLISH_SPINS) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(this, PUBLISH_PARK_NANOS);
        }
        continue;
      }
      waits = 0;
      if (!running) {
        return;
      }
      workerIdle = true;
      if (queue.isEmpty() && running) {
        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
      }
      workerIdle = false;
    }
  }

  private void appendSafely(ILoggingEvent event) {
    try {
      Appender<ILoggingEvent>[] targets = sinks;
      if (anyStopped(targets)) {
        revive(targets);
      }
      appenders.appendLoopOnAppenders(event);
      if (anyStopped(targets)) {
        lostAtSink(); // the sink failed on this event, or could not be started again
      }
    } catch (Throwable e) {
      JsonWriter.rethrowIfFatal(e);
      lostAtSink();
      addError("Appender failed for an event; the worker continues: " + e.getClass().getName());
    }
  }

  private static boolean anyStopped(Appender<ILoggingEvent>[] targets) {
    for (Appender<ILoggingEvent> target : targets) {
      if (!target.isStarted()) {
        return true;
      }
    }
    return false;
  }

  /** Starts sinks that stopped themselves (an I/O error), at most every {@value #REVIVE_INTERVAL_MILLIS} ms. */
  private void revive(Appender<ILoggingEvent>[] targets) {
    long now = System.currentTimeMillis();
    if (!running || now - lastRevive < REVIVE_INTERVAL_MILLIS) {
      return;
    }
    lastRevive = now;
    for (Appender<ILoggingEvent> target : targets) {
      if (!target.isStarted()) {
        try {
          target.start();
        } catch (RuntimeException e) {
          addWarn("Could not restart appender " + target.getName() + ": " + e.getClass().getName());
        }
      }
    }
  }

  private void lostAtSink() {
    sinkFailures.increment();
    drop();
  }

  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    super.stop();
    running = false;
    Thread thread = worker;
    LockSupport.unpark(thread);
    try {
      thread.join(Math.max(1, maxFlushTime));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      undeliveredAtStop = getNumberOfElementsInQueue();
      addWarn("Max flush time (" + maxFlushTime + " ms) reached; " + undeliveredAtStop
          + " queued events were not delivered");
    }
    writeSummary();
    appenders.detachAndStopAllAppenders();
    refreshSinks();
  }

  /** The one line, at stop, with the final counts; through the attached appenders, as any other line. */
  private void writeSummary() {
    try {
      if (!(getContext() instanceof LoggerContext logback)) {
        return;
      }
      long drops = dropped.sum();
      long failures = sinkFailures.sum();
      String text = "Observa async appender '" + getName() + "' stopped: " + drops + " log events dropped ("
          + failures + " lost to sink errors), " + undeliveredAtStop + " undelivered at stop";
      LoggingEvent summary = new LoggingEvent(ObservaAsyncAppender.class.getName(),
          logback.getLogger("dev.observa.logging"), drops + undeliveredAtStop > 0 ? Level.WARN : Level.INFO, text,
          null, null);
      summary.addKeyValuePair(new KeyValuePair("log.events.dropped", drops));
      summary.addKeyValuePair(new KeyValuePair("log.events.sink_failures", failures));
      summary.addKeyValuePair(new KeyValuePair("log.events.undelivered", undeliveredAtStop));
      for (Appender<ILoggingEvent> sink : sinks) {
        sink.doAppend(summary);
      }
    } catch (Throwable e) {
      JsonWriter.rethrowIfFatal(e);
      addWarn("Could not write the shutdown summary: " + e.getClass().getName());
    }
  }

  /** @return how many events were lost at an attached appender (an I/O error) since this appender started */
  public long sinkFailures() {
    return sinkFailures.sum();
  }

  /** @return how many events this appender dropped since it started */
  public long droppedEvents() {
    return dropped.sum();
  }

  @Override
  public void addAppender(Appender<ILoggingEvent> appender) {
    appenders.addAppender(appender);
    refreshSinks();
  }

  @SuppressWarnings("unchecked")
  private void refreshSinks() {
    java.util.List<Appender<ILoggingEvent>> list = new java.util.ArrayList<>();
    appenders.iteratorForAppenders().forEachRemaining(list::add);
    sinks = list.toArray(new Appender[0]);
  }

  @Override
  public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
    return appenders.iteratorForAppenders();
  }

  @Override
  public Appender<ILoggingEvent> getAppender(String name) {
    return appenders.getAppender(name);
  }

  @Override
  public boolean isAttached(Appender<ILoggingEvent> appender) {
    return appenders.isAttached(appender);
  }

  @Override
  public void detachAndStopAllAppenders() {
    appenders.detachAndStopAllAppenders();
    refreshSinks();
  }

  @Override
  public boolean detachAppender(Appender<ILoggingEvent> appender) {
    boolean detached = appenders.detachAppender(appender);
    refreshSinks();
    return detached;
  }

  @Override
  public boolean detachAppender(String name) {
    boolean detached = appenders.detachAppender(name);
    refreshSinks();
    return detached;
  }
}
