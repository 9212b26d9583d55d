package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.metrics.PrometheusMetrics;
import dev.observa.test.ObservaCapture;
import dev.observa.trace.ActiveSpan;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;

/** The README's {@code @SpringBootTest} recipe: the starter backs off and the application records into the capture. */
class ObservaCaptureRecipeTest {

  @TestConfiguration(proxyBeanMethods = false)
  static class ObservaCaptureConfiguration {
    @Bean(destroyMethod = "close")
    ObservaCapture observaCapture() {
      return ObservaCapture.start(b -> b.serviceName("orders"));
    }

    @Bean
    PrometheusMetrics observaPrometheusMetrics(ObservaCapture capture) {
      return capture.metrics();
    }

    @Bean(destroyMethod = "")
    Observa observa(ObservaCapture capture) {
      return capture.observa();
    }
  }

  @Test
  void theApplicationsObservaIsTheCaptureAndItsSignalsCorrelate() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ObservaAutoConfiguration.class))
        .withUserConfiguration(ObservaCaptureConfiguration.class)
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Observa.class);
          ObservaCapture capture = context.getBean(ObservaCapture.class);
          Observa observa = context.getBean(Observa.class);
          assertThat(observa).isSameAs(capture.observa());
          String traceId;
          try (ActiveSpan span = observa.span("GET /orders").startActive()) {
            traceId = span.context().traceId();
            LoggerFactory.getLogger("orders").info("listing orders");
            observa.timer("orders.list").register().record(java.time.Duration.ofMillis(3));
          }
          assertThat(capture.requireCorrelated(traceId).logLines()).extracting(l -> l.field("service.name"))
              .containsExactly("orders");
        });
  }
}
