package dev.observa.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import dev.observa.Observa;
import dev.observa.context.ObservaContext;
import dev.observa.logging.internal.CorrelatedMdc;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A logging event together with the shared context captured on the thread that logged it, so an
 * encoder running later on another thread (behind {@link ObservaAsyncAppender}) still writes the right
 * trace id, baggage and tenant. Its MDC ({@link #getMDCPropertyMap()}) is the logging thread's MDC plus
 * that context's ids ({@code traceId}, {@code spanId}, {@code trace_id}, {@code span_id},
 * {@code trace_flags}) and the context values declared for {@code Route.LOG}, so any layout or formatter
 * that reads the MDC — {@code %X{traceId}}, Spring Boot's {@code ecs}, {@code logstash}, {@code gelf} —
 * correlates. Wrapper; delegates everything else.
 *
 * <pre>{@code
 * ILoggingEvent correlated = new ContextualLoggingEvent(event, ObservaContext.current());
 * correlated.getMDCPropertyMap().get("traceId");   // the current span's trace id
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ContextualLoggingEvent implements ILoggingEvent {
  private final ILoggingEvent event;
  private final ObservaContext context;
  private Map<String, String> mdc;

  /**
   * @param event the event
   * @param context the context current when it was logged
   */
  public ContextualLoggingEvent(ILoggingEvent event, ObservaContext context) {
    this.event = event;
    this.context = context;
  }

  /** @return the captured context */
  public ObservaContext context() {
    return context;
  }

  /** @return the wrapped event */
  public ILoggingEvent event() {
    return event;
  }

  @Override
  public String getThreadName() {
    return event.getThreadName();
  }

  @Override
  public Level getLevel() {
    return event.getLevel();
  }

  @Override
  public String getMessage() {
    return event.getMessage();
  }

  @Override
  public Object[] getArgumentArray() {
    return event.getArgumentArray();
  }

  @Override
  public String getFormattedMessage() {
    return event.getFormattedMessage();
  }

  @Override
  public String getLoggerName() {
    return event.getLoggerName();
  }

  @Override
  public LoggerContextVO getLoggerContextVO() {
    return event.getLoggerContextVO();
  }

  @Override
  public IThrowableProxy getThrowableProxy() {
    return event.getThrowableProxy();
  }

  @Override
  public StackTraceElement[] getCallerData() {
    return event.getCallerData();
  }

  @Override
  public boolean hasCallerData() {
    return event.hasCallerData();
  }

  @Override
  public List<Marker> getMarkerList() {
    return event.getMarkerList();
  }

  /** @return the MDC of the logging thread plus the captured context's ids and declared {@code LOG} values */
  @Override
  public Map<String, String> getMDCPropertyMap() {
    Map<String, String> merged = mdc;
    if (merged == null) {
      Map<String, String> own = event.getMDCPropertyMap();
      try {
        merged = CorrelatedMdc.merge(own, context.otelContext(), Observa.global().settings());
      } catch (RuntimeException | LinkageError e) {
        merged = own; // never fail a log call over correlation
      }
      mdc = merged; // idempotent: a racing second computation yields an equal map
    }
    return merged;
  }

  @Override
  @Deprecated
  public Map<String, String> getMdc() {
    return getMDCPropertyMap();
  }

  @Override
  public long getTimeStamp() {
    return event.getTimeStamp();
  }

  @Override
  public int getNanoseconds() {
    return event.getNanoseconds();
  }

  @Override
  public Instant getInstant() {
    return event.getInstant();
  }

  @Override
  public long getSequenceNumber() {
    return event.getSequenceNumber();
  }

  @Override
  public List<KeyValuePair> getKeyValuePairs() {
    return event.getKeyValuePairs();
  }

  @Override
  public void prepareForDeferredProcessing() {
    event.prepareForDeferredProcessing();
  }
}
