package dev.observa.meter;

/**
 * A summary quantile objective: the quantile and the allowed rank error, e.g. {@code 0.99 ± 0.001}.
 *
 * @param quantile in (0, 1)
 * @param error in [0, 1)
 * @since 0.1.0
 */
public record Quantile(double quantile, double error) {
  /** Validates the objective. */
  public Quantile {
    if (!(quantile > 0 && quantile < 1)) {
      throw new IllegalArgumentException("Quantile " + quantile + " is invalid: it must be in (0, 1)");
    }
    if (!(error >= 0 && error < 1)) {
      throw new IllegalArgumentException("Quantile error " + error + " is invalid: it must be in [0, 1)");
    }
  }
}
