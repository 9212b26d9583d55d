package dev.observa.spring;

import dev.observa.Observa;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Adds {@link ObservaClientInterceptor} to every {@code RestClient.Builder} and {@code RestTemplateBuilder}
 * that Spring Boot hands out.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = ObservaAutoConfiguration.class)
@ConditionalOnClass(RestClientCustomizer.class)
@ConditionalOnProperty(prefix = "observa.http", name = "client", havingValue = "true", matchIfMissing = true)
public final class ObservaHttpClientAutoConfiguration {

  @Bean
  ObservaClientInterceptor observaClientInterceptor(Observa observa, ObservaProperties properties,
      Environment environment) {
    return new ObservaClientInterceptor(observa, properties.getMetrics().getMaxSeries(),
        KnownHttpMethods.resolve(properties, environment));
  }

  @Bean
  RestClientCustomizer observaRestClientCustomizer(ObservaClientInterceptor interceptor) {
    return builder -> builder.requestInterceptor(interceptor);
  }

  @Bean
  RestTemplateCustomizer observaRestTemplateCustomizer(ObservaClientInterceptor interceptor) {
    return template -> template.getInterceptors().add(interceptor);
  }
}
