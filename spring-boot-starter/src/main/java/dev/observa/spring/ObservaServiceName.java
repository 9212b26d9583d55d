package dev.observa.spring;

import dev.observa.spi.CoreSettings;
import dev.observa.spi.OtelEnvironment;
import org.springframework.core.env.PropertyResolver;

/**
 * The service name log lines carry from the first one on, before the {@code Observa} bean exists: the rule of
 * {@link OtelEnvironment#serviceName} ({@code observa.service-name}, {@code OTEL_SERVICE_NAME}, {@code service.name}
 * in {@code OTEL_RESOURCE_ATTRIBUTES}, {@code spring.application.name}), read from Spring's {@code Environment} for
 * the two Spring-side inputs, the same inputs {@link ObservaAutoConfiguration} gives the builder.
 *
 * <pre>{@code
 * String service = ObservaServiceName.resolve(environment);   // "checkout"
 * }</pre>
 */
final class ObservaServiceName {
  private ObservaServiceName() {}

  static String resolve(PropertyResolver environment) {
    return OtelEnvironment.serviceName(environment.getProperty(CoreSettings.SERVICE_NAME.property()),
        environment.getProperty("spring.application.name"));
  }
}
