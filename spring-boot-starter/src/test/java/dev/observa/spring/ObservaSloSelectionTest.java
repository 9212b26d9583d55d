package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The SLO rules select the series Prometheus really has, and leave the actuator's own traffic out. */
class ObservaSloSelectionTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ObservaAutoConfiguration.class, ObservaSloAutoConfiguration.class,
          ObservaActuatorAutoConfiguration.class))
      .withPropertyValues("spring.application.name=orders", "observa.logging.json=false",
          "observa.slo.objectives[0].name=api", "observa.slo.objectives[0].operation=http.server.request",
          "observa.slo.objectives[0].kind=availability", "observa.slo.objectives[0].objective=99.9");

  @Test
  void byDefaultTheJobLabelIsTheServiceNameAndActuatorRoutesAreLeftOut() {
    runner.run(context -> assertThat(context.getBean(SloRulesEndpoint.class).rules())
        .contains("http_server_request_duration_seconds_count{job=\\\"orders\\\",http_route!~\\\"/actuator.*\\\"}"));
  }

  @Test
  void theJobValueTheServiceLabelAndTheExcludedRoutesAreProperties() {
    runner.withPropertyValues("observa.slo.job=orders-prod", "observa.slo.service-label=service",
        "observa.slo.excluded-routes=/actuator.*|/internal/.*").run(context -> {
          String rules = context.getBean(SloRulesEndpoint.class).rules();
          assertThat(rules).contains("{service=\\\"orders-prod\\\",http_route!~\\\"/actuator.*|/internal/.*\\\"}")
              .doesNotContain("job=");
        });
    runner.withPropertyValues("observa.slo.excluded-routes=").run(context -> assertThat(
        context.getBean(SloRulesEndpoint.class).rules()).doesNotContain("http_route"));
  }

  @Test
  void anInvalidServiceLabelStopsStartupNamingTheProperty() {
    runner.withPropertyValues("observa.slo.service-label=service-name").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("observa.slo.service-label");
    });
  }
}
