package dev.observa.tracing.internal;

import dev.observa.tracing.InboundSampling;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSamplerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * {@code OTEL_TRACES_SAMPLER=observa_inbound_ratio}, {@code OTEL_TRACES_SAMPLER_ARG=r}: like
 * {@code parentbased_traceidratio} with ratio r, except that an untrusted caller's {@code sampled=1} also
 * counts only at the ratio r (see {@link InboundSampling#ratio}).
 */
public final class InboundRatioSamplerProvider implements ConfigurableSamplerProvider {
  @Override
  public Sampler createSampler(ConfigProperties config) {
    double ratio = config.getDouble("otel.traces.sampler.arg", 1.0);
    return InboundSampler.wrap(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)), InboundSampling.ratio(ratio));
  }

  @Override
  public String getName() {
    return "observa_inbound_ratio";
  }
}
