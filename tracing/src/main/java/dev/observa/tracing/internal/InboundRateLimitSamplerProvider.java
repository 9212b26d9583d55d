package dev.observa.tracing.internal;

import dev.observa.tracing.InboundSampling;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSamplerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/**
 * {@code OTEL_TRACES_SAMPLER=observa_inbound_rate_limit}, {@code OTEL_TRACES_SAMPLER_ARG=n}: like
 * {@code parentbased_always_on}, except that untrusted callers' {@code sampled=1} is honoured for at most n
 * traces per second (see {@link InboundSampling#rateLimit}).
 */
public final class InboundRateLimitSamplerProvider implements ConfigurableSamplerProvider {
  @Override
  public Sampler createSampler(ConfigProperties config) {
    double perSecond = config.getDouble("otel.traces.sampler.arg", 10.0);
    return InboundSampler.wrap(Sampler.parentBased(Sampler.alwaysOn()), InboundSampling.rateLimit(perSecond));
  }

  @Override
  public String getName() {
    return "observa_inbound_rate_limit";
  }
}
