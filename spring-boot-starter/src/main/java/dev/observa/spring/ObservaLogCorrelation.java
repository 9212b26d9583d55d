package dev.observa.spring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.observa.logging.CorrelatingAppender;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Makes every log line Spring Boot writes correlate, whatever format the application chose: Boot's
 * {@code CONSOLE} and {@code FILE} appenders (plain patterns, {@code logging.structured.format.*=ecs|logstash|gelf}
 * or Observa's JSON) are put behind a {@link CorrelatingAppender}, so each event's MDC holds the trace and span
 * ids current when it was logged ({@code %X{traceId}}, {@code %X{trace_id}}) and the declared {@code LOG} keys.
 * The console behind {@link ObservaAsyncConsole}'s queue needs no wrapper: that queue captures the same context.
 * Also attaches OTLP log export when asked ({@link ObservaOtlpLogs}), and says in one line which format is
 * active when both {@code observa.logging.preset} and a Spring Boot structured format are set.
 *
 * <pre>{@code
 * logging.structured.format.console=ecs     # lines carry traceId/spanId and trace_id/span_id
 * logging.pattern.console=%X{traceId} %m%n  # so does a pattern
 * }</pre>
 */
class ObservaLogCorrelation implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {
  static final List<String> BOOT_APPENDERS = List.of("CONSOLE", "FILE");
  static final String PREFIX = "OBSERVA_CORRELATED_";
  private static final String LOGBACK = "ch.qos.logback.classic.LoggerContext";

  @Override
  public int getOrder() {
    return LoggingApplicationListener.DEFAULT_ORDER + 2; // after ObservaAsyncConsole took the console
  }

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    Environment environment = event.getEnvironment();
    if (!ClassUtils.isPresent(LOGBACK, ObservaLogCorrelation.class.getClassLoader())) {
      return;
    }
    try {
      if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
        wrap(logback);
      }
    } catch (RuntimeException | LinkageError e) {
      LoggerFactory.getLogger(ObservaLogCorrelation.class)
          .warn("Log lines stay without trace ids: {}", e.getClass().getName());
    }
    ObservaOtlpLogs.attach(environment); // a bad value stops startup, naming it
    sayWhichFormat(environment);
  }

  /**
   * @param logback the configured context
   * @return how many of Boot's appenders were put behind a correlating one
   */
  static int wrap(LoggerContext logback) {
    Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    int wrapped = 0;
    for (String name : BOOT_APPENDERS) {
      Appender<ILoggingEvent> appender = root.getAppender(name);
      if (appender instanceof OutputStreamAppender<ILoggingEvent> && root.getAppender(PREFIX + name) == null) {
        CorrelatingAppender correlating = new CorrelatingAppender();
        correlating.setContext(logback);
        correlating.setName(PREFIX + name);
        correlating.addAppender(appender);
        correlating.start();
        root.addAppender(correlating);
        root.detachAppender(appender); // detach, not stop: the correlating appender owns it now
        wrapped++;
      }
    }
    return wrapped;
  }

  /** No silent switch: with both set, Boot's structured format is the one written. */
  private static void sayWhichFormat(Environment environment) {
    String preset = environment.getProperty("observa.logging.preset");
    for (String sink : List.of("console", "file")) {
      String format = environment.getProperty("logging.structured.format." + sink);
      if (preset != null && format != null && !format.equals(ObservaStructuredLogFormatter.class.getName())) {
        LoggerFactory.getLogger(ObservaLogCorrelation.class).info(
            "Log format of the {}: logging.structured.format.{}={} is active; observa.logging.preset={} applies only "
                + "to Observa's own format (remove the Spring Boot setting to use it). Lines carry trace ids either way",
            sink, sink, format, preset);
      }
    }
  }
}
