package dev.observa.spring;

import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code GET /actuator/slodashboards}: the services that have a generated Grafana dashboard;
 * {@code GET /actuator/slodashboards/{service}}: that service's dashboard JSON, ready for Grafana's import or
 * dashboard provisioning. Generated from {@code observa.slo.objectives} like {@link SloRulesEndpoint}; exposed
 * over HTTP only when the application lists it in {@code management.endpoints.web.exposure.include}.
 *
 * <pre>{@code
 * management.endpoints.web.exposure.include=health,slo,slodashboards
 * observa.slo.dashboards.jaeger-uid=my-jaeger
 * }</pre>
 *
 * @since 0.1.0
 */
@Endpoint(id = "slodashboards")
public class SloDashboardsEndpoint {
  private final ObservaSloAutoConfiguration.Objectives objectives;

  /** @param objectives the declared SLOs */
  public SloDashboardsEndpoint(ObservaSloAutoConfiguration.Objectives objectives) {
    this.objectives = objectives;
  }

  /** @return the services with a dashboard */
  @ReadOperation
  public Map<String, List<String>> services() {
    return Map.of("services", objectives.slos().stream().map(dev.observa.metrics.slo.Slo::service).distinct().toList());
  }

  /**
   * @param service a service, as listed by {@link #services()}
   * @return its dashboard JSON, or {@code null} (404) for an unknown service
   */
  @ReadOperation(produces = "application/json")
  public String dashboard(@Selector String service) {
    if (objectives.slos().stream().noneMatch(slo -> slo.service().equals(service))) {
      return null;
    }
    return objectives.renderDashboards().get(dev.observa.metrics.slo.SloDashboards.fileName(service));
  }
}
