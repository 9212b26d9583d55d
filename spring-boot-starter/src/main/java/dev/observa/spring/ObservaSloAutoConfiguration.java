package dev.observa.spring;

import dev.observa.metrics.PrometheusMetrics;
import dev.observa.metrics.slo.BurnRateWindows;
import dev.observa.metrics.slo.Slo;
import dev.observa.metrics.slo.SloDashboards;
import dev.observa.metrics.slo.SloMonitor;
import dev.observa.metrics.slo.SloRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * SLOs declared under {@code observa.slo.objectives}: the rule generator behind {@code /actuator/slo}, the
 * Grafana dashboards behind {@code /actuator/slodashboards} and
 * an in-process monitor publishing {@code observa_slo_error_ratio} and {@code observa_slo_error_budget_remaining}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ObservaAutoConfiguration.class)
@ConditionalOnProperty(prefix = "observa.slo.objectives[0]", name = "name")
public final class ObservaSloAutoConfiguration {

  /** The declared objectives and the rules and dashboards they generate. */
  public record Objectives(List<Slo> slos, SloRules rules, SloDashboards dashboards) {
    /** @return the Prometheus rules file */
    public String render() {
      return rules.render(slos);
    }

    /** @return one Grafana dashboard per service, {@code <service>.json} → JSON */
    public java.util.Map<String, String> renderDashboards() {
      return dashboards.render(slos);
    }
  }

  @Bean
  Objectives observaSloObjectives(ObservaProperties properties, Environment environment) {
    String service = properties.getSlo().getJob() != null ? properties.getSlo().getJob()
        : properties.getServiceName() != null ? properties.getServiceName()
        : environment.getProperty("spring.application.name", "application");
    List<Slo> slos = new ArrayList<>();
    for (ObservaProperties.Objective o : properties.getSlo().getObjectives()) {
      Slo.Builder builder = Slo.builder(o.getName()).service(o.getService() != null ? o.getService() : service)
          .operation(o.getOperation());
      try {
        builder.serviceLabel(properties.getSlo().getServiceLabel());
      } catch (IllegalArgumentException e) {
        throw new InvalidObservaPropertyException("observa.slo.service-label", properties.getSlo().getServiceLabel(),
            "a Prometheus label name such as job or service");
      }
      try {
        builder.excludedRoutes(properties.getSlo().getExcludedRoutes());
      } catch (IllegalArgumentException e) {
        throw new InvalidObservaPropertyException("observa.slo.excluded-routes", properties.getSlo().getExcludedRoutes(),
            "a regular expression without double quotes, or empty");
      }
      if ("latency".equalsIgnoreCase(o.getKind())) {
        if (o.getThreshold() == null) {
          throw new IllegalArgumentException("SLO '" + o.getName() + "' field 'threshold' is missing");
        }
        List<Double> buckets = properties.getMetrics().getBuckets().get(o.getOperation());
        if (buckets != null) {
          builder.buckets(buckets);
        }
        builder.latency(o.getThreshold());
      } else if ("availability".equalsIgnoreCase(o.getKind())) {
        builder.availability();
      } else {
        throw new InvalidObservaPropertyException("observa.slo.objectives[].kind", o.getKind(), "availability, latency");
      }
      builder.objective(o.getObjective()).window(o.getWindow());
      o.getGroupBy().forEach(builder::groupBy);
      o.getLabels().forEach(builder::label);
      o.getAnnotations().forEach(builder::annotation);
      slos.add(builder.build());
    }
    BurnRateWindows windows = BurnRateWindows.standard().scaledDown(properties.getSlo().getWindowsScaledDown());
    ObservaProperties.Dashboards grafana = properties.getSlo().getDashboards();
    SloDashboards.Builder dashboards = SloDashboards.builder().windows(windows);
    String uids = "a Grafana data source uid: 1 to 40 letters, digits, '-' or '_'";
    try {
      dashboards.prometheusUid(grafana.getPrometheusUid());
    } catch (IllegalArgumentException e) {
      throw new InvalidObservaPropertyException("observa.slo.dashboards.prometheus-uid", grafana.getPrometheusUid(), uids);
    }
    try {
      dashboards.jaegerUid(grafana.getJaegerUid());
    } catch (IllegalArgumentException e) {
      throw new InvalidObservaPropertyException("observa.slo.dashboards.jaeger-uid", grafana.getJaegerUid(), uids);
    }
    return new Objectives(List.copyOf(slos), SloRules.withWindows(windows), dashboards.build());
  }

  @Bean(destroyMethod = "close")
  SloMonitor observaSloMonitor(Objectives objectives, PrometheusMetrics metrics) {
    return SloMonitor.start(metrics, objectives.slos(), Duration.ofSeconds(10));
  }
}
