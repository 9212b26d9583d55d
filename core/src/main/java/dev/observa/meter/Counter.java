package dev.observa.meter;

/**
 * A monotonically increasing count, exposed as {@code <name>_total}.
 *
 * <pre>{@code
 * Counter requests = obs.counter("rpc.requests").description("RPCs served").tag("service", "a").register();
 * requests.increment();
 * }</pre>
 *
 * <p>Never throws. A negative, NaN or infinite amount is ignored (reported once through the
 * rate-limited diagnostics logger), so the total is never corrupted. Thread-safe.
 *
 * @since 0.1.0
 */
public interface Counter {
  /** Adds one. */
  void increment();

  /**
   * Adds an amount.
   *
   * @param amount a finite, non-negative amount; anything else is ignored
   */
  void increment(double amount);
}
