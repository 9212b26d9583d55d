package dev.observa.spring;

import dev.observa.tracing.SpanCounting;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link SpanExporter} bean in {@link SpanCounting#counting}, so spans exported and failed by Spring
 * Boot's OpenTelemetry SDK are counted and the doctor sees a dead exporter. Boot 4.1's
 * {@code OpenTelemetryTracingAutoConfiguration} collects the {@code SpanExporter} beans ({@code SpanExporters})
 * into the one {@code BatchSpanProcessor} of its {@code SdkTracerProvider}; a bean post-processor runs before any
 * bean receives them, so Boot exports through the wrapper. What is exported is unchanged; the wrapper is a plain
 * {@code SpanExporter}, so a bean injected by its concrete exporter type would no longer match.
 */
final class CountingSpanExporters implements BeanPostProcessor {
  private final ObjectProvider<SpanCounting> counting;

  CountingSpanExporters(ObjectProvider<SpanCounting> counting) {
    this.counting = counting;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof SpanExporter exporter) {
      SpanCounting counters = counting.getIfUnique();
      if (counters != null) {
        return counters.counting(exporter);
      }
    }
    return bean;
  }
}
