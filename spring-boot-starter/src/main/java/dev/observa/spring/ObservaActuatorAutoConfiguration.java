package dev.observa.spring;

import dev.observa.Observa;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Actuator endpoints: {@code /actuator/observa} (the doctor), {@code /actuator/traces} (recent traces kept in
 * memory) and, with SLOs declared,
 * {@code /actuator/slo} (the generated Prometheus rules) and {@code /actuator/slodashboards} (the generated
 * Grafana dashboards). None is exposed over HTTP by the starter: Spring Boot's default exposure (health only)
 * stands until the application lists them in {@code management.endpoints.web.exposure.include}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = {ObservaAutoConfiguration.class, ObservaSloAutoConfiguration.class})
@ConditionalOnClass(Endpoint.class)
public final class ObservaActuatorAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ObservaDoctorEndpoint observaDoctorEndpoint(Observa observa, ObservaProperties properties, ApplicationContext context) {
    return new ObservaDoctorEndpoint(observa, properties, context);
  }

  @Bean
  @ConditionalOnMissingBean
  RecentTracesEndpoint observaRecentTracesEndpoint(Observa observa) {
    dev.observa.tracing.RecentTraces traces = observa.unwrap(dev.observa.tracing.RecentTraces.class);
    // the redaction hook: the settings' policy masks attribute values before they are served
    return new RecentTracesEndpoint(traces != null ? traces : new dev.observa.tracing.RecentTraces(1, 1),
        RecentTracesEndpoint.redacting(observa.settings()));
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(ObservaSloAutoConfiguration.Objectives.class)
  SloRulesEndpoint observaSloEndpoint(ObjectProvider<ObservaSloAutoConfiguration.Objectives> objectives) {
    return new SloRulesEndpoint(objectives.getObject());
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(ObservaSloAutoConfiguration.Objectives.class)
  SloDashboardsEndpoint observaSloDashboardsEndpoint(ObjectProvider<ObservaSloAutoConfiguration.Objectives> objectives) {
    return new SloDashboardsEndpoint(objectives.getObject());
  }
}
