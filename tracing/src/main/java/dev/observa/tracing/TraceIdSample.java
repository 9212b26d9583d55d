package dev.observa.tracing;

/**
 * Which traces a sample of a given ratio holds, decided from the last four hex digits of the trace id (random
 * in W3C Trace Context Level 2 ids), so every span of a trace gets the same answer without shared state.
 * Allocation-free; thread-safe. The ratio in force may be scaled below the given one and back up to it
 * ({@link #scale}) by the one thread that watches the rate; a request thread reads it with one
 * volatile read.
 */
final class TraceIdSample {
  static final int RANGE = 1 << 16;

  private final double ratio;
  private final int ceiling;
  private volatile int threshold;

  /** @param ratio the share of traces held, 0 to 1 */
  TraceIdSample(double ratio) {
    this.ratio = ratio;
    this.ceiling = (int) Math.round(ratio * RANGE);
    this.threshold = ceiling;
  }

  /** @return the ratio given */
  double ratio() {
    return ratio;
  }

  /** @return the share of traces held now, at most {@link #ratio()} */
  double current() {
    return Math.min(ratio, (double) threshold / RANGE);
  }

  /**
   * Scales the share held now by {@code factor}, within 1 in {@value #RANGE} and the ratio given.
   *
   * @param factor above 0: below 1 lowers the share, above 1 raises it
   */
  void scale(double factor) {
    int now = threshold;
    if (now <= 0 || ceiling <= 0) {
      return;
    }
    threshold = (int) Math.max(1, Math.min(ceiling, Math.round(now * factor)));
  }

  /**
   * @param traceId a 32-hex-digit trace id
   * @return whether the sample holds that trace
   */
  boolean keeps(String traceId) {
    int threshold = this.threshold;
    if (threshold >= RANGE) {
      return true;
    }
    if (threshold <= 0 || traceId.length() < 4) {
      return false;
    }
    // most significant digit first: once every id sharing the digits read is at or above the threshold, the answer
    // is known (at 1 %, 15 ids in 16 are ruled out by their first digit, one char read instead of four)
    int value = 0;
    for (int i = traceId.length() - 4, shift = 12; shift >= 0; i++, shift -= 4) {
      value = value << 4 | hexValue(traceId.charAt(i));
      if (value << shift >= threshold) {
        return false;
      }
    }
    return true;
  }

  /**
   * The value of a hex digit, either case, by arithmetic rather than {@code Character.digit} (this runs for every
   * ended span); another char gives some value in 0..15, as the id is then not a W3C one anyway.
   */
  private static int hexValue(char c) {
    return (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10) & 0xf;
  }
}
