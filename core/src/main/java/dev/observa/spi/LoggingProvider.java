package dev.observa.spi;

/**
 * Makes the {@link LoggingBackend} of one {@code Observa} instance; see {@link MetricsProvider}.
 *
 * @since 0.1.0
 */
public interface LoggingProvider {
  /**
   * @param settings the service description, context-key routing and redaction
   * @return the backend
   */
  LoggingBackend createBackend(ObservaSettings settings);
}
