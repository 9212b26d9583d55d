package dev.observa.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import dev.observa.context.ObservaContext;
import dev.observa.logging.internal.JsonWriter;
import java.util.Iterator;

/**
 * Hands each event to the attached appenders as a {@link ContextualLoggingEvent}: the context current on the
 * logging thread is captured when the event is logged, and every layout or formatter that reads the MDC sees
 * the trace and span ids ({@code traceId}/{@code spanId} and {@code trace_id}/{@code span_id}/{@code trace_flags})
 * and the declared {@code LOG} values — pattern layouts ({@code %X{traceId}}), Spring Boot's {@code ecs},
 * {@code logstash} and {@code gelf} formats, any encoder. Nothing is written to the thread's MDC, so nothing
 * can be left behind on a pooled thread. Synchronous: the attached appenders run on the logging thread.
 *
 * <pre>{@code
 * <appender name="CORRELATED_FILE" class="dev.observa.logging.CorrelatingAppender">
 *   <appender-ref ref="FILE"/>
 * </appender>
 * }</pre>
 *
 * <p>The Spring Boot starter puts Boot's {@code CONSOLE} and {@code FILE} appenders behind one.
 *
 * @since 0.1.0
 */
public class CorrelatingAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
    implements AppenderAttachable<ILoggingEvent> {
  private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();

  @Override
  protected void append(ILoggingEvent event) {
    ILoggingEvent handed = event;
    try {
      if (!(event instanceof ContextualLoggingEvent)) {
        handed = new ContextualLoggingEvent(event, ObservaContext.current());
      }
    } catch (Throwable e) {
      JsonWriter.rethrowIfFatal(e); // the event still goes out, uncorrelated
    }
    appenders.appendLoopOnAppenders(handed);
  }

  @Override
  public void stop() {
    super.stop();
    appenders.detachAndStopAllAppenders();
  }

  @Override
  public void addAppender(Appender<ILoggingEvent> appender) {
    appenders.addAppender(appender);
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
  }

  @Override
  public boolean detachAppender(Appender<ILoggingEvent> appender) {
    return appenders.detachAppender(appender);
  }

  @Override
  public boolean detachAppender(String name) {
    return appenders.detachAppender(name);
  }
}
