package dev.observa.logging;

import dev.observa.log.Logger;
import dev.observa.logging.internal.Slf4jStructuredLogger;
import dev.observa.spi.LoggingBackend;
import dev.observa.spi.LoggingProvider;
import dev.observa.spi.ObservaSettings;

/**
 * The facade's loggers over SLF4J: {@code obs.logger("my-app")} is the SLF4J logger {@code my-app},
 * and its typed fields travel as SLF4J key-values, so any SLF4J binding's appenders receive them. With
 * Logback and {@link JsonLinesEncoder} they become top-level typed JSON fields.
 *
 * @since 0.1.0
 */
public final class Slf4jLogging implements LoggingProvider, LoggingBackend {
  /** @return the provider */
  public static Slf4jLogging create() {
    return new Slf4jLogging();
  }

  /** For {@link java.util.ServiceLoader}; prefer {@link #create()}. */
  public Slf4jLogging() {}

  @Override
  public LoggingBackend createBackend(ObservaSettings settings) {
    return this;
  }

  @Override
  public Logger logger(String name) {
    return new Slf4jStructuredLogger(name);
  }
}
