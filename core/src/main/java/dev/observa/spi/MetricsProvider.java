package dev.observa.spi;

/**
 * Makes the {@link MetricsBackend} of one {@code Observa} instance. Pass one to
 * {@code Observa.builder().metrics(…)}, or let {@code build()} find one with {@link java.util.ServiceLoader}.
 *
 * @since 0.1.0
 */
public interface MetricsProvider {
  /**
   * @param settings the service description and context-key routing
   * @return the backend
   */
  MetricsBackend createBackend(ObservaSettings settings);
}
