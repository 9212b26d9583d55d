package dev.observa.tracing;

/**
 * Which traces a sample of a given ratio holds, decided from the last four hex digits of the trace id (random
 * in W3C Trace Context Level 2 ids), so every span of a trace gets the same answer without shared state.
 * Immutable; allocation-free.
 */
final class TraceIdSample {
  private static final int RANGE = 1 << 16;

  private final double ratio;
  private final int threshold;

  /** @param ratio the share of traces held, 0 to 1 */
  TraceIdSample(double ratio) {
    this.ratio = ratio;
    this.threshold = (int) Math.round(ratio * RANGE);
  }

  double ratio() {
    return ratio;
  }

  /**
   * @param traceId a 32-hex-digit trace id
   * @return whether the sample holds that trace
   */
  boolean keeps(String traceId) {
    if (threshold >= RANGE) {
      return true;
    }
    if (threshold <= 0 || traceId.length() < 4) {
      return false;
    }
    int value = 0;
    for (int i = traceId.length() - 4; i < traceId.length(); i++) {
      value = value << 4 | hexValue(traceId.charAt(i));
    }
    return value < threshold;
  }

  /**
   * The value of a hex digit, either case, by arithmetic rather than {@code Character.digit} (this runs for every
   * ended span); another char gives some value in 0..15, as the id is then not a W3C one anyway.
   */
  private static int hexValue(char c) {
    return (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10) & 0xf;
  }
}
