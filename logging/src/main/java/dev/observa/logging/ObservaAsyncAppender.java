package dev.observa.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.observa.Observa;
import dev.observa.context.ObservaContext;
import dev.observa.meter.Counter;
import java.util.concurrent.atomic.LongAdder;

/**
 * Logback's {@link AsyncAppender} made safe for request threads and for the shared context: it never
 * blocks ({@code neverBlock} is on by default), it captures the shared context on the logging thread so
 * the JSON line written later on the worker thread carries the right trace id, baggage and tenant, and
 * it counts the events it drops (queue full, or below the discarding threshold for TRACE/DEBUG/INFO) in
 * {@link #droppedEvents()} and the self-metric {@value #DROPPED_METRIC}.
 *
 * <pre>{@code
 * <appender name="ASYNC_JSON" class="dev.observa.logging.ObservaAsyncAppender">
 *   <queueSize>8192</queueSize>
 *   <appender-ref ref="JSON"/>
 * </appender>
 * }</pre>
 *
 * @since 0.1.0
 */
public class ObservaAsyncAppender extends AsyncAppender {
  /** The self-metric counting dropped log events. */
  public static final String DROPPED_METRIC = "observa.log.events.dropped";

  private final LongAdder dropped = new LongAdder();
  private volatile Observa countedBy;
  private volatile Counter droppedCounter;

  /** Creates the appender with {@code neverBlock} on. */
  public ObservaAsyncAppender() {
    setNeverBlock(true);
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (willDrop(event)) {
      dropped.increment();
      droppedCounter().increment();
      return;
    }
    super.append(new ContextualLoggingEvent(event, ObservaContext.current()));
  }

  private boolean willDrop(ILoggingEvent event) {
    int remaining = getRemainingCapacity();
    if (remaining == 0 && isNeverBlock()) {
      return true;
    }
    return remaining < getDiscardingThreshold() && event.getLevel().toInt() <= Level.INFO_INT;
  }

  private Counter droppedCounter() {
    Observa global = Observa.global();
    Counter counter = droppedCounter;
    if (counter == null || countedBy != global) {
      counter = global.counter(DROPPED_METRIC).description("Log events dropped by the async appender").register();
      droppedCounter = counter;
      countedBy = global;
    }
    return counter;
  }

  /** @return how many events this appender dropped since it started */
  public long droppedEvents() {
    return dropped.sum();
  }
}
