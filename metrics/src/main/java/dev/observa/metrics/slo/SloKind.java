package dev.observa.metrics.slo;

/**
 * What an {@link Slo} counts as a good event.
 *
 * @since 0.1.0
 */
public enum SloKind {
  /** Good = requests whose {@code outcome} is not {@code error}, from {@code <operation>_requests_total}. */
  AVAILABILITY,
  /** Good = requests at or under the threshold, from {@code <operation>_duration_seconds} buckets. */
  LATENCY
}
