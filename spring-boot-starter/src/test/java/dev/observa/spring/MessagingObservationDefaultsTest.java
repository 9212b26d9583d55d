package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** Spring Kafka's and Spring AMQP's observations are on by default, so a trace crosses the broker; the app wins. */
class MessagingObservationDefaultsTest {
  @Test
  void kafkaAndRabbitTemplateAndListenerObservationsDefaultToOn() {
    MockEnvironment environment = new MockEnvironment();
    new ObservaEnvironmentDefaults().postProcessEnvironment(environment, new SpringApplication());
    assertThat(ObservaEnvironmentDefaults.MESSAGING_OBSERVATIONS).contains(
        "spring.kafka.template.observation-enabled", "spring.kafka.listener.observation-enabled",
        "spring.rabbitmq.template.observation-enabled", "spring.rabbitmq.listener.simple.observation-enabled");
    assertThat(ObservaEnvironmentDefaults.MESSAGING_OBSERVATIONS)
        .allSatisfy(name -> assertThat(environment.getProperty(name, Boolean.class)).as(name).isTrue());
  }

  @Test
  void theApplicationsOwnSettingWins() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("spring.kafka.listener.observation-enabled", "false");
    new ObservaEnvironmentDefaults().postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty("spring.kafka.listener.observation-enabled", Boolean.class)).isFalse();
    assertThat(environment.getProperty("spring.kafka.template.observation-enabled", Boolean.class)).isTrue();
  }
}
