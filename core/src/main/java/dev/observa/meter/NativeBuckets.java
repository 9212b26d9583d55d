package dev.observa.meter;

import java.time.Duration;
import java.util.Objects;

/**
 * The layout of a native histogram (Prometheus' sparse exponential buckets, OpenTelemetry's exponential
 * histogram): bucket {@code i} holds values in {@code (base^(i-1), base^i]} with {@code base = 2^(2^-schema)}.
 * A requested growth factor picks the nearest schema whose factor does not exceed it, so
 * {@code ofFactor(1.1)} is schema 3 (factor 2^(1/8) ≈ 1.0905).
 *
 * <pre>{@code
 * obs.timer("checkout.duration").nativeBuckets(1.1).nativeMaxBuckets(160).register();
 * }</pre>
 *
 * <p>When a series holds more than {@code maxBuckets} buckets it is reset (if the last reset is at least
 * {@code resetDuration} ago) or its resolution is halved until it fits. Immutable.
 *
 * @param schema from {@value #MIN_SCHEMA} to {@value #MAX_SCHEMA}
 * @param maxBuckets the bucket limit per series, at least 1
 * @param resetDuration how long a series keeps its resolution before a reset may free buckets;
 *     {@link Duration#ZERO} never resets
 * @since 0.1.0
 */
public record NativeBuckets(int schema, int maxBuckets, Duration resetDuration) {
  /** The coarsest schema: factor 65536. */
  public static final int MIN_SCHEMA = -4;
  /** The finest schema: factor 2^(1/256) ≈ 1.0027. */
  public static final int MAX_SCHEMA = 8;
  /** Prometheus client libraries' default bucket limit. */
  public static final int DEFAULT_MAX_BUCKETS = 160;

  /** Validates the layout. */
  public NativeBuckets {
    if (schema < MIN_SCHEMA || schema > MAX_SCHEMA) {
      throw new IllegalArgumentException("Native histogram schema " + schema + " is invalid: it must be in "
          + MIN_SCHEMA + ".." + MAX_SCHEMA);
    }
    if (maxBuckets < 1) {
      throw new IllegalArgumentException("Native histogram bucket limit " + maxBuckets + " is invalid: it must be"
          + " at least 1");
    }
    Objects.requireNonNull(resetDuration, "resetDuration");
    if (resetDuration.isNegative()) {
      throw new IllegalArgumentException("Native histogram reset duration " + resetDuration + " is invalid: it"
          + " must not be negative");
    }
  }

  /**
   * @param factor the largest acceptable ratio between neighbouring bucket bounds, at least
   *     2^(1/256) ≈ 1.0027
   * @return the layout with the nearest schema whose factor does not exceed {@code factor}, the default
   *     bucket limit and no reset
   */
  public static NativeBuckets ofFactor(double factor) {
    if (!(factor >= factor(MAX_SCHEMA)) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("Native bucket factor " + factor + " is invalid: it must be a finite"
          + " number of at least " + factor(MAX_SCHEMA) + " (schema " + MAX_SCHEMA + ")");
    }
    // factor(s) = 2^(2^-s) falls as s grows: take the smallest s with factor(s) <= factor
    int schema = (int) Math.ceil(-Math.log(Math.log(factor) / Math.log(2)) / Math.log(2));
    while (schema > MIN_SCHEMA && factor(schema - 1) <= factor) {
      schema--; // rounding guard
    }
    while (schema < MAX_SCHEMA && factor(schema) > factor) {
      schema++;
    }
    return new NativeBuckets(Math.max(MIN_SCHEMA, schema), DEFAULT_MAX_BUCKETS, Duration.ZERO);
  }

  /**
   * @param schema a schema
   * @return its growth factor {@code 2^(2^-schema)}
   */
  public static double factor(int schema) {
    return Math.pow(2, Math.pow(2, -schema));
  }

  /** @return this layout's growth factor */
  public double factor() {
    return factor(schema);
  }

  /**
   * @param maxBuckets the bucket limit per series, at least 1
   * @return this layout with that limit
   */
  public NativeBuckets withMaxBuckets(int maxBuckets) {
    return new NativeBuckets(schema, maxBuckets, resetDuration);
  }

  /**
   * @param resetDuration the minimum time between resets; {@link Duration#ZERO} never resets
   * @return this layout with that reset duration
   */
  public NativeBuckets withResetDuration(Duration resetDuration) {
    return new NativeBuckets(schema, maxBuckets, resetDuration);
  }
}
