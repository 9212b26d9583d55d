package dev.observa.spring.internal;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

/**
 * Adds {@link ServerSpanCorrelation} to every SDK built by OpenTelemetry's autoconfigure (Observa's own
 * tracing SDK among them), through the SDK's own extension point.
 */
public final class ServerSpanCorrelationProvider implements AutoConfigurationCustomizerProvider {
  @Override
  public void customize(AutoConfigurationCustomizer autoConfiguration) {
    autoConfiguration.addTracerProviderCustomizer(
        (builder, config) -> builder.addSpanProcessor(ServerSpanCorrelation.INSTANCE));
  }
}
