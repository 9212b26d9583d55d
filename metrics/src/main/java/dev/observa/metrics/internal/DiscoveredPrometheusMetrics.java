package dev.observa.metrics.internal;

import dev.observa.metrics.PrometheusMetrics;
import dev.observa.spi.MetricsBackend;
import dev.observa.spi.MetricsProvider;
import dev.observa.spi.ObservaSettings;

/** The provider {@link java.util.ServiceLoader} finds: {@link PrometheusMetrics#create()} with defaults. */
public final class DiscoveredPrometheusMetrics implements MetricsProvider {
  @Override
  public MetricsBackend createBackend(ObservaSettings settings) {
    return PrometheusMetrics.create().createBackend(settings);
  }
}
