package dev.observa.metrics.slo;

/**
 * The Prometheus names and error matcher of one operation, the one place the SLO rules, the monitor and the
 * dashboards take them from. An operation is either {@code obs.goldenSignals(operation)} or, for the names
 * {@value #HTTP_SERVER} and {@code http.client.request}, OpenTelemetry's stable HTTP metric
 * {@code http.server.request.duration} / {@code http.client.request.duration}.
 *
 * <pre>{@code
 * OperationMetrics checkout = OperationMetrics.of("checkout");
 * checkout.durationSeconds();   // checkout_duration_seconds (histogram)
 * checkout.requestsTotal();     // checkout_requests_total{outcome, error}
 * checkout.errorMatcher();      // outcome="error"
 * OperationMetrics http = OperationMetrics.of("http.server.request");
 * http.requestsTotal();         // http_server_request_duration_seconds_count
 * http.errorMatcher();          // error_type!=""  (5xx and exceptions, per the semantic conventions)
 * }</pre>
 *
 * @param durationSeconds the latency histogram's family name
 * @param requests the family whose samples count requests (for checks against an exposition)
 * @param requestsTotal the sample name that counts requests
 * @param errorMatcher the label matcher that selects failed requests
 * @param errorLabel the label that classifies errors
 * @param statusLabel the HTTP status code label, or {@code null} when the operation is not HTTP
 * @param inFlight the gauge of requests in progress
 * @since 0.1.0
 */
public record OperationMetrics(String durationSeconds, String requests, String requestsTotal, String errorMatcher,
    String errorLabel, String statusLabel, String inFlight) {
  /** The operation name that selects OpenTelemetry's HTTP server metrics. */
  public static final String HTTP_SERVER = "http.server.request";

  /**
   * @param operation the golden-signals operation name, e.g. {@code checkout}, or {@value #HTTP_SERVER}
   * @return its metric names
   */
  public static OperationMetrics of(String operation) {
    if (Slo.HTTP_CONVENTION_OPERATIONS.contains(operation)) {
      String side = operation.substring(0, operation.length() - ".request".length()).replace('.', '_');
      String histogram = side + "_request_duration_seconds";
      return new OperationMetrics(histogram, histogram, histogram + "_count", "error_type!=\"\"", "error_type",
          "http_response_status_code", side + "_active_requests");
    }
    String prefix = operation.replace('.', '_');
    return new OperationMetrics(prefix + "_duration_seconds", prefix + "_requests", prefix + "_requests_total",
        "outcome=\"error\"", "error_type", null, prefix + "_in_flight");
  }

  /** @return whether the operation is an HTTP server's or client's, with status codes */
  public boolean http() {
    return statusLabel != null;
  }
}
