package dev.observa.metrics.slo;

/**
 * The Prometheus names of one golden-signals operation ({@code obs.goldenSignals(operation)}), the one place
 * the SLO rules, the monitor and the dashboards take them from.
 *
 * <pre>{@code
 * OperationMetrics checkout = OperationMetrics.of("checkout");
 * checkout.durationSeconds();   // checkout_duration_seconds (histogram)
 * checkout.requestsTotal();     // checkout_requests_total{outcome, error}
 * checkout.inFlight();          // checkout_in_flight
 * }</pre>
 *
 * @param prefix the Prometheus name prefix, the operation name with dots as underscores
 * @since 0.1.0
 */
public record OperationMetrics(String prefix) {
  /** Label of the requests counter: {@code success} or {@code error}. */
  public static final String OUTCOME = "outcome";
  /** Label of the requests counter: the error's class name, {@code slow}, or {@code none}. */
  public static final String ERROR = "error";

  /**
   * @param operation the golden-signals operation name, e.g. {@code checkout}
   * @return its metric names
   */
  public static OperationMetrics of(String operation) {
    return new OperationMetrics(operation.replace('.', '_'));
  }

  /** @return the latency histogram's family name, e.g. {@code checkout_duration_seconds} */
  public String durationSeconds() {
    return prefix + "_duration_seconds";
  }

  /** @return the requests counter's family name without suffix, e.g. {@code checkout_requests} */
  public String requests() {
    return prefix + "_requests";
  }

  /** @return the requests counter's sample name, e.g. {@code checkout_requests_total} */
  public String requestsTotal() {
    return requests() + "_total";
  }

  /** @return the in-flight gauge's name, e.g. {@code checkout_in_flight} */
  public String inFlight() {
    return prefix + "_in_flight";
  }
}
