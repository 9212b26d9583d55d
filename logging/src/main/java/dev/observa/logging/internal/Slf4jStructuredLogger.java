package dev.observa.logging.internal;

import dev.observa.log.Field;
import dev.observa.log.Level;
import dev.observa.log.Logger;
import dev.observa.spi.Diagnostics;
import java.util.Arrays;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The facade logger over SLF4J: each field becomes a key-value of the event
 * ({@link LoggingEventBuilder#addKeyValue}), so every appender receives it; the first {@code Throwable}
 * field named {@code error} becomes the event's cause. Exceptions are handed over {@linkplain
 * BoundedThrowables#bounded bounded}, so a cause chain thousands deep or a throwing {@code getMessage()}
 * still gives a line; nothing ever reaches the caller.
 */
public final class Slf4jStructuredLogger implements Logger {
  private static final Field[] NO_FIELDS = new Field[0];

  private final org.slf4j.Logger delegate;
  private final Field[] context;

  /**
   * @param name the logger name
   * @param context fields every line carries
   */
  public Slf4jStructuredLogger(String name, Field[] context) {
    this.delegate = LoggerFactory.getLogger(name);
    this.context = context;
  }

  /** @param name the logger name */
  public Slf4jStructuredLogger(String name) {
    this(name, NO_FIELDS);
  }

  @Override
  public String name() {
    return delegate.getName();
  }

  @Override
  public boolean isEnabled(Level level) {
    return level != null && delegate.isEnabledForLevel(toSlf4j(level));
  }

  @Override
  public void log(Level level, String message, Field... fields) {
    try {
      if (!isEnabled(level)) {
        return;
      }
      LoggingEventBuilder event = delegate.atLevel(toSlf4j(level)).setMessage(message);
      boolean causeSet = add(event, context, false);
      add(event, fields, causeSet);
      event.log();
    } catch (Throwable e) {
      JsonWriter.rethrowIfFatal(e);
      Diagnostics.warn("logger.write", "could not write a log line on '" + name() + "': " + e.getClass().getName());
    }
  }

  private static boolean add(LoggingEventBuilder event, Field[] fields, boolean causeSet) {
    if (fields == null) {
      return causeSet;
    }
    for (Field field : fields) {
      if (field == null) {
        continue;
      }
      if (field.value() instanceof Throwable error) {
        Throwable bounded = BoundedThrowables.bounded(error); // Logback would recurse into it on this thread
        if (!causeSet && "error".equals(field.key())) {
          event.setCause(bounded);
          causeSet = true;
        } else {
          event.addKeyValue(field.key(), bounded);
        }
      } else {
        event.addKeyValue(field.key(), field.value());
      }
    }
    return causeSet;
  }

  @Override
  public Logger with(Field... fields) {
    if (fields == null || fields.length == 0) {
      return this;
    }
    Field[] merged = Arrays.copyOf(context, context.length + fields.length);
    System.arraycopy(fields, 0, merged, context.length, fields.length);
    return new Slf4jStructuredLogger(name(), merged);
  }

  @Override
  public Logger named(String child) {
    if (child == null || child.isEmpty()) {
      return this;
    }
    return new Slf4jStructuredLogger(name() + "." + child, context);
  }

  private static org.slf4j.event.Level toSlf4j(Level level) {
    return switch (level) {
      case TRACE -> org.slf4j.event.Level.TRACE;
      case DEBUG -> org.slf4j.event.Level.DEBUG;
      case INFO -> org.slf4j.event.Level.INFO;
      case WARN -> org.slf4j.event.Level.WARN;
      case ERROR -> org.slf4j.event.Level.ERROR;
    };
  }
}
