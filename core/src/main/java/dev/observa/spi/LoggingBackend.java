package dev.observa.spi;

import dev.observa.log.Logger;

/**
 * Hands out the facade's named loggers. Implemented by the {@code observa-logging} module (over SLF4J)
 * and by the no-op default.
 *
 * @since 0.1.0
 */
public interface LoggingBackend extends AutoCloseable {
  /**
   * @param name the logger name, e.g. {@code my-app}
   * @return the logger; never null
   */
  Logger logger(String name);

  /**
   * Gives access to implementation objects, such as the Prometheus exposition of the metrics module or
   * the recent-trace store of the tracing module.
   *
   * @param type the wanted type
   * @param <T> the type
   * @return an object of that type this backend owns, or null
   */
  default <T> T unwrap(Class<T> type) {
    return type.isInstance(this) ? type.cast(this) : null;
  }

  /** Flushes and releases resources; never throws. */
  @Override
  default void close() {}
}
