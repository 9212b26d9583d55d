package dev.observa.metrics;

import dev.observa.metrics.internal.MeterNameClaims;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * A Micrometer {@link MeterFilter} that refuses, with an {@link IllegalArgumentException} naming both, a
 * Micrometer meter whose Prometheus names clash with an Observa metric sharing the same registry. Observa
 * metrics registered after a clashing Micrometer meter are refused the same way, so a scrape never holds two
 * families of one name (which fails Micrometer's scrape and Spring Boot's {@code /actuator/prometheus}).
 *
 * <pre>{@code
 * MeterNameGuard guard = MeterNameGuard.create();
 * registry.config().meterFilter(guard);          // before the first meter, as Micrometer asks of filters
 * PrometheusMetrics metrics = PrometheusMetrics.builder().registry(registry).nameGuard(guard).build();
 * }</pre>
 *
 * <p>{@link PrometheusMetrics} installs one itself unless given one; Spring Boot applies the starter's as a bean
 * before any meter exists. Thread-safe.
 *
 * @since 0.1.0
 */
public final class MeterNameGuard implements MeterFilter {
  private final MeterNameClaims claims = new MeterNameClaims();

  private MeterNameGuard() {}

  /** @return a guard, bound to a registry by the {@link PrometheusMetrics} built with it */
  public static MeterNameGuard create() {
    return new MeterNameGuard();
  }

  @Override
  public Meter.Id map(Meter.Id id) {
    claims.check(id);
    return id;
  }

  MeterNameClaims claims() {
    return claims;
  }
}
