package dev.observa.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * How far a {@code sampled} flag from a caller is trusted (edge sampling). {@link #trust()} (the default) is
 * parent-based sampling: every caller decides. {@link #ratio} and {@link #rateLimit} honour a remote
 * {@code sampled=1} only for a share of traces or up to a number of traces per second, unless the caller is
 * trusted: its connection comes from a network of {@code observa.tracing.inbound-trusted-callers}
 * ({@link OtelTracing.Builder#inboundTrustedCallers}; servers pass the peer address to
 * {@code Observa.extract(carrier, getter, remoteAddress)}), or its context was marked with
 * {@link #trustedCaller(Context)}. An unsampled remote parent is always honoured, and
 * local parents and roots follow the configured sampler. The trace flags the SDK writes downstream keep the
 * W3C Level 2 {@code random} flag of the parent.
 *
 * <pre>{@code
 * OtelTracing.builder().inboundSampling(InboundSampling.rateLimit(10)).inboundTrustedCallers("10.0.0.0/8").build();
 * // or observa.tracing.inbound-sampling=rate-limit, observa.tracing.inbound-sampling-arg=10,
 * //    observa.tracing.inbound-trusted-callers=10.0.0.0/8
 * // or OTEL_TRACES_SAMPLER=observa_inbound_rate_limit, OTEL_TRACES_SAMPLER_ARG=10
 * }</pre>
 *
 * @param mode {@code trust}, {@code ratio} or {@code rate-limit}
 * @param argument the ratio in [0, 1] or the traces per second (&gt; 0); 0 for trust
 * @since 0.1.0
 */
public record InboundSampling(String mode, double argument) {
  private static final ContextKey<Boolean> TRUSTED = ContextKey.named("observa.trusted-caller");

  /** Checks the mode and argument. */
  public InboundSampling {
    switch (mode) {
      case "trust" -> argument = 0;
      case "ratio" -> {
        if (!(argument >= 0 && argument <= 1)) {
          throw new IllegalArgumentException("inbound sampling ratio " + argument + " is invalid: it must be in [0, 1]");
        }
      }
      case "rate-limit" -> {
        if (!(argument > 0 && argument < 1e9)) {
          throw new IllegalArgumentException("inbound sampling rate " + argument
              + " is invalid: it must be a number of traces per second > 0");
        }
      }
      default -> throw new IllegalArgumentException("inbound sampling mode '" + mode
          + "' is invalid: use trust, ratio or rate-limit");
    }
  }

  /** @return every caller's sampling decision is honoured (parent-based sampling) */
  public static InboundSampling trust() {
    return new InboundSampling("trust", 0);
  }

  /**
   * @param ratio the share of remote-sampled traces kept, by trace id, in [0, 1]
   * @return the policy
   */
  public static InboundSampling ratio(double ratio) {
    return new InboundSampling("ratio", ratio);
  }

  /**
   * @param tracesPerSecond remote-sampled traces kept per second at most (a burst of as many is allowed)
   * @return the policy
   */
  public static InboundSampling rateLimit(double tracesPerSecond) {
    return new InboundSampling("rate-limit", tracesPerSecond);
  }

  /**
   * Marks a context extracted from a trusted caller (e.g. an internal gateway): its {@code sampled} flag is
   * honoured whatever the policy.
   *
   * @param context the extracted context
   * @return a copy marked trusted
   */
  public static Context trustedCaller(Context context) {
    return context.with(TRUSTED, Boolean.TRUE);
  }

  /**
   * Marks a context extracted from a caller that is not trusted, undoing a mark it may have inherited from
   * the context current at extraction.
   *
   * @param context the extracted context
   * @return a copy not marked trusted (the same context when it was not)
   */
  public static Context untrustedCaller(Context context) {
    return isTrustedCaller(context) ? context.with(TRUSTED, Boolean.FALSE) : context;
  }

  /**
   * @param context a parent context
   * @return whether it was marked with {@link #trustedCaller}
   */
  public static boolean isTrustedCaller(Context context) {
    return Boolean.TRUE.equals(context.get(TRUSTED));
  }
}
