package dev.observa.spring;

import dev.observa.metrics.PrometheusMetrics;
import dev.observa.metrics.ScrapeResponder;
import dev.observa.spring.internal.StreamingPrometheusScrapeEndpoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.context.annotation.Bean;

/**
 * Actuator's {@code /actuator/prometheus}, when Boot creates it, answers with Observa's exposition streamed from a
 * buffer reused from scrape to scrape (the same as the standalone {@code /metrics}), instead of Boot's copy of the
 * whole answer into a {@code byte[]}. Boot's endpoint bean is kept where Boot decides (its conditions, exposure
 * and security untouched) and replaced by a subclass answering the same operation; filtered scrapes
 * ({@code includedNames}) are still Boot's. Turned off with {@code observa.metrics.actuator-streaming=false}.
 *
 * <pre>{@code
 * curl -H 'Accept: application/openmetrics-text; version=1.0.0' localhost:8080/actuator/prometheus
 * }</pre>
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ObservaAutoConfiguration.class)
@ConditionalOnClass({PrometheusScrapeEndpoint.class, PrometheusRegistry.class})
@ConditionalOnProperty(prefix = "observa.metrics", name = "actuator-streaming", matchIfMissing = true)
public final class ObservaPrometheusEndpointAutoConfiguration {

  @Bean
  static BeanPostProcessor observaStreamingPrometheusEndpoint(ObjectProvider<PrometheusMetrics> metrics,
      ObjectProvider<PrometheusRegistry> registry) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean.getClass() != PrometheusScrapeEndpoint.class) {
          return bean;
        }
        PrometheusMetrics observa = metrics.getIfUnique();
        PrometheusRegistry boots = registry.getIfUnique();
        // only when Observa renders the very registry Boot's endpoint reads: otherwise the answers would differ
        if (observa == null || boots == null || observa.registry().getPrometheusRegistry() != boots) {
          return bean;
        }
        return new StreamingPrometheusScrapeEndpoint((PrometheusScrapeEndpoint) bean, ScrapeResponder.of(observa),
            boots);
      }
    };
  }
}
