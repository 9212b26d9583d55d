package dev.observa.spi;

/**
 * Makes the {@link TracingBackend} of one {@code Observa} instance; see {@link MetricsProvider}.
 *
 * @since 0.1.0
 */
public interface TracingProvider {
  /**
   * @param settings the service description and context-key routing
   * @return the backend
   */
  TracingBackend createBackend(ObservaSettings settings);
}
