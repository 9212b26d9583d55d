package dev.observa.spring;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code GET /actuator/slo}: the Prometheus recording and burn-rate alerting rules generated from
 * {@code observa.slo.objectives}, ready for {@code promtool check rules} and a Prometheus {@code rule_files} entry.
 * Serves only what the configuration declares; not exposed over HTTP unless the application exposes it
 * ({@code management.endpoints.web.exposure.include=slo}).
 *
 * @since 0.1.0
 */
@Endpoint(id = "slo")
public class SloRulesEndpoint {
  private final ObservaSloAutoConfiguration.Objectives objectives;

  /** @param objectives the declared SLOs */
  public SloRulesEndpoint(ObservaSloAutoConfiguration.Objectives objectives) {
    this.objectives = objectives;
  }

  /** @return the rules file */
  @ReadOperation(produces = "text/plain")
  public String rules() {
    return objectives.render();
  }
}
