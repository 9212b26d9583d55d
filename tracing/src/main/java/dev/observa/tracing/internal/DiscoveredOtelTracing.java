package dev.observa.tracing.internal;

import dev.observa.spi.ObservaSettings;
import dev.observa.spi.TracingBackend;
import dev.observa.spi.TracingProvider;
import dev.observa.tracing.OtelTracing;

/** The provider {@link java.util.ServiceLoader} finds: {@link OtelTracing#create()} with defaults. */
public final class DiscoveredOtelTracing implements TracingProvider {
  @Override
  public TracingBackend createBackend(ObservaSettings settings) {
    return OtelTracing.create().createBackend(settings);
  }
}
