package dev.observa.spring;

import dev.observa.tracing.OtelTracing;

/**
 * Changes Observa's tracing setup in code, at builder precedence: a customizer's calls win over
 * {@code observa.tracing.*} properties, which win over {@code OTEL_*} variables. Beans of this type are
 * applied in {@link org.springframework.core.annotation.Order} order.
 *
 * <pre>{@code
 * @Bean
 * ObservaTracingCustomizer gatewayIsTrusted() {
 *   return builder -> builder.inboundSampling(InboundSampling.rateLimit(5)).otlpHeader("X-Scope-OrgID", "acme");
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ObservaTracingCustomizer {
  /** @param builder the builder, already holding the {@code observa.tracing.*} properties */
  void customize(OtelTracing.Builder builder);
}
