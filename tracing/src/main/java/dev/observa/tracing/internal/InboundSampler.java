package dev.observa.tracing.internal;

import dev.observa.tracing.InboundSampling;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies an {@link InboundSampling} policy to untrusted remote parents and leaves every other decision
 * (roots, local parents, trusted callers) to the configured sampler. The rate limit is a lock-free generic
 * cell rate algorithm: one CAS per limited decision, no clock read for any other span.
 */
public final class InboundSampler implements Sampler {
  private final Sampler delegate;
  private final InboundSampling policy;
  private final Sampler ratio;
  private final long intervalNanos;
  private final long burstNanos;
  private final AtomicLong theoreticalArrival = new AtomicLong(Long.MIN_VALUE);

  /**
   * @param delegate the sampler for roots, local parents and trusted callers
   * @param policy the inbound policy; {@code trust} returns the delegate unchanged from {@link #wrap}
   */
  InboundSampler(Sampler delegate, InboundSampling policy) {
    this.delegate = delegate;
    this.policy = policy;
    this.ratio = Sampler.traceIdRatioBased(policy.mode().equals("ratio") ? policy.argument() : 1.0);
    double rate = policy.mode().equals("rate-limit") ? policy.argument() : 1.0;
    this.intervalNanos = Math.max(1, (long) (1e9 / rate));
    this.burstNanos = intervalNanos * Math.max(1, (long) Math.ceil(rate)) - intervalNanos;
  }

  /**
   * @param delegate the configured sampler
   * @param policy the inbound policy
   * @return the delegate itself for {@code trust}, else the delegate behind the policy
   */
  public static Sampler wrap(Sampler delegate, InboundSampling policy) {
    return policy.mode().equals("trust") ? delegate : new InboundSampler(delegate, policy);
  }

  @Override
  public SamplingResult shouldSample(Context parentContext, String traceId, String name, SpanKind spanKind,
      Attributes attributes, List<LinkData> parentLinks) {
    SpanContext parent = Span.fromContext(parentContext).getSpanContext();
    if (!parent.isValid() || !parent.isRemote() || InboundSampling.isTrustedCaller(parentContext)) {
      return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }
    if (!parent.isSampled()) {
      return SamplingResult.drop();
    }
    if (policy.mode().equals("ratio")) {
      return ratio.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    }
    return admit() ? SamplingResult.recordAndSample() : SamplingResult.drop();
  }

  private boolean admit() {
    long now = System.nanoTime();
    while (true) {
      long tat = theoreticalArrival.get();
      long start = tat == Long.MIN_VALUE || tat < now ? now : tat;
      if (start - now > burstNanos) {
        return false;
      }
      if (theoreticalArrival.compareAndSet(tat, start + intervalNanos)) {
        return true;
      }
    }
  }

  @Override
  public String getDescription() {
    return "InboundSampler{" + policy.mode() + (policy.mode().equals("trust") ? "" : " " + policy.argument())
        + ", otherwise " + delegate.getDescription() + "}";
  }

  @Override
  public String toString() {
    return getDescription();
  }
}
