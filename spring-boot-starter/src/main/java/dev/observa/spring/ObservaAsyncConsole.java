package dev.observa.spring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import dev.observa.logging.ObservaAsyncAppender;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Puts Spring Boot's console appender behind {@link ObservaAsyncAppender} once Boot has configured logging,
 * so a stdout nobody reads (a full pipe, a stalled terminal) can no longer block request threads: events
 * beyond the queue are dropped and counted ({@code observa_log_events_dropped_total}), and stopping writes one
 * summary line. Only the root logger's {@code CONSOLE} {@link ConsoleAppender} (Boot's default, plain or
 * structured) is wrapped; a configuration of the application's own is left alone. Off with
 * {@code observa.logging.async=false}; the queue holds {@code observa.logging.queue-size} events (8192).
 *
 * <pre>{@code
 * observa.logging.async=true          # the default
 * observa.logging.queue-size=8192
 * }</pre>
 */
class ObservaAsyncConsole implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
  static final String CONSOLE = "CONSOLE";
  static final String ASYNC_NAME = "OBSERVA_ASYNC_CONSOLE";
  private static final String LOGBACK = "ch.qos.logback.classic.LoggerContext";

  @Override
  public int getOrder() {
    return LoggingApplicationListener.DEFAULT_ORDER + 1; // right after Boot configured logging
  }

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    try {
      Environment environment = event.getEnvironment();
      if (environment.getProperty("observa.logging.async", Boolean.class, true)
          && ClassUtils.isPresent(LOGBACK, ObservaAsyncConsole.class.getClassLoader())) {
        Logback.wrapDefault(environment.getProperty("observa.logging.queue-size", Integer.class, 8192));
      }
    } catch (RuntimeException | LinkageError e) {
      // logging stays synchronous: never fail the application's start over it
      org.slf4j.LoggerFactory.getLogger(ObservaAsyncConsole.class)
          .warn("Console logging stays synchronous: {}", e.getClass().getName());
    }
  }

  /** The Logback side, loaded only when Logback is present. */
  static final class Logback {
    private Logback() {}

    static void wrapDefault(int queueSize) {
      if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
        wrap(logback, queueSize);
      }
    }

    /**
     * @param logback the configured context
     * @param queueSize the queue's capacity
     * @return the async appender now in front of the console, or null when there was no default console
     */
    static ObservaAsyncAppender wrap(LoggerContext logback, int queueSize) {
      Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      Appender<ILoggingEvent> console = root.getAppender(CONSOLE);
      if (!(console instanceof ConsoleAppender<ILoggingEvent>) || root.getAppender(ASYNC_NAME) != null) {
        return null;
      }
      ObservaAsyncAppender async = new ObservaAsyncAppender();
      async.setContext(logback);
      async.setName(ASYNC_NAME);
      async.setQueueSize(Math.max(1, queueSize));
      async.addAppender(console);
      async.start();
      root.addAppender(async);
      root.detachAppender(console); // detach, not stop: the async appender owns it now
      return async;
    }
  }
}
