package dev.observa.meter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Histogram bucket layouts. All factories validate their arguments and return ascending, finite upper
 * bounds (the {@code +Inf} bucket is implicit).
 *
 * @since 0.1.0
 */
public final class Buckets {
  /**
   * Latency bounds in seconds, from the OpenTelemetry HTTP duration advice: round numbers that SLO
   * thresholds use, so {@code le="0.1"} exists.
   */
  public static final List<Double> DEFAULT_LATENCY_SECONDS = List.of(
      0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

  private Buckets() {}

  /**
   * @param bounds upper bounds, finite and strictly ascending
   * @return them as a list
   */
  public static List<Double> explicit(double... bounds) {
    if (bounds.length == 0) {
      throw new IllegalArgumentException("Buckets are invalid: at least one bound is needed");
    }
    List<Double> list = new ArrayList<>(bounds.length);
    for (int i = 0; i < bounds.length; i++) {
      if (!Double.isFinite(bounds[i])) {
        throw new IllegalArgumentException("Bucket bound " + bounds[i] + " is invalid: bounds must be finite");
      }
      if (i > 0 && bounds[i] <= bounds[i - 1]) {
        throw new IllegalArgumentException(
            "Bucket bounds are invalid: they must be strictly ascending, but " + bounds[i] + " follows " + bounds[i - 1]);
      }
      list.add(bounds[i]);
    }
    return Collections.unmodifiableList(list);
  }

  /**
   * @param start the first bound
   * @param width the distance between bounds, positive
   * @param count how many bounds, at least 1
   * @return {@code start, start + width, …}
   */
  public static List<Double> linear(double start, double width, int count) {
    if (!(width > 0) || count < 1) {
      throw new IllegalArgumentException(
          "Linear buckets are invalid: width must be > 0 and count >= 1, got width " + width + ", count " + count);
    }
    // decimal arithmetic, so 0.1 + 2 × 0.05 is exactly the bound people write (0.2), not 0.20000000000000004
    BigDecimal first = BigDecimal.valueOf(start);
    BigDecimal step = BigDecimal.valueOf(width);
    double[] bounds = new double[count];
    for (int i = 0; i < count; i++) {
      bounds[i] = first.add(step.multiply(BigDecimal.valueOf(i))).doubleValue();
    }
    return explicit(bounds);
  }

  /**
   * @param start the first bound, positive
   * @param factor the ratio between bounds, greater than 1
   * @param count how many bounds, at least 1
   * @return {@code start, start·factor, start·factor², …}
   */
  public static List<Double> exponential(double start, double factor, int count) {
    if (!(start > 0) || !(factor > 1) || count < 1) {
      throw new IllegalArgumentException("Exponential buckets are invalid: start must be > 0, factor > 1 and"
          + " count >= 1, got start " + start + ", factor " + factor + ", count " + count);
    }
    BigDecimal first = BigDecimal.valueOf(start);
    BigDecimal ratio = BigDecimal.valueOf(factor);
    double[] bounds = new double[count];
    for (int i = 0; i < count; i++) {
      bounds[i] = first.multiply(ratio.pow(i)).doubleValue();
    }
    return explicit(bounds);
  }
}
