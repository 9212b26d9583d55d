package dev.observa.metrics.slo;

/**
 * What an {@link Slo} counts as a good event.
 *
 * @since 0.1.0
 */
public enum SloKind {
  /**
   * Good = requests whose {@code outcome} is not {@code error}, from {@code <operation>_requests_total}; for the
   * HTTP operations ({@code http.server.request}, {@code http.client.request}), requests without an
   * {@code error_type}, from {@code <operation>_duration_seconds_count}.
   */
  AVAILABILITY,
  /** Good = requests at or under the threshold, from {@code <operation>_duration_seconds} buckets. */
  LATENCY
}
