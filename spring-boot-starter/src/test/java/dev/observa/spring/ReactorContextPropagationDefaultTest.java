package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/**
 * Reactor's automatic context propagation is on by default, the application's own setting wins, and the
 * accessors Reactor restores with are there, Observa's after the Observation's.
 */
class ReactorContextPropagationDefaultTest {
  @Test
  void reactorContextPropagationDefaultsToAuto() {
    MockEnvironment environment = new MockEnvironment();
    new ObservaEnvironmentDefaults().postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("spring.reactor.context-propagation")).isEqualTo("auto");
  }

  @Test
  void theApplicationsReactorContextPropagationSettingWins() {
    MockEnvironment environment = new MockEnvironment().withProperty("spring.reactor.context-propagation", "limited");
    new ObservaEnvironmentDefaults().postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("spring.reactor.context-propagation")).isEqualTo("limited");
  }

  @Test
  void contextPropagationIsOnTheStartersClasspathSoReactorCanRestoreTheObservation() {
    assertThat(io.micrometer.context.ContextRegistry.getInstance().getThreadLocalAccessors())
        .anyMatch(accessor -> accessor.key().equals(io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor.KEY));
  }

  @Test
  void observasContextIsRestoredAfterTheObservationSoItEndsUpOnTop() {
    dev.observa.spring.observation.ObservaContextAccessor.register();
    java.util.List<Object> keys = io.micrometer.context.ContextRegistry.getInstance().getThreadLocalAccessors().stream()
        .map(accessor -> accessor.key()).toList();
    assertThat(keys.indexOf(dev.observa.spring.observation.ObservaContextAccessor.KEY))
        .isGreaterThan(keys.indexOf(io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor.KEY))
        .isGreaterThan(-1);
  }
}
