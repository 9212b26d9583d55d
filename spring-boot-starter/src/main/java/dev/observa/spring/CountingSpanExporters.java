package dev.observa.spring;

import dev.observa.tracing.SpanCounting;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;

/**
 * Counts the spans Spring Boot's OpenTelemetry SDK exports and fails, so the doctor sees a dead exporter: Boot 4.1's
 * {@code OpenTelemetryTracingAutoConfiguration} collects the {@code SpanExporter} beans into one
 * {@link SpanExporters} bean, from which it builds the {@code BatchSpanProcessor} of its {@code SdkTracerProvider};
 * this post-processor replaces that holder by one whose exporters are wrapped in {@link SpanCounting#counting}. The
 * exporter beans themselves are untouched, so an application still injects {@code OtlpHttpSpanExporter} (or its
 * own exporter) by its concrete type. A {@code SpanExporters} bean of the application's is counted the same way.
 */
final class CountingSpanExporters implements BeanPostProcessor {
  private final ObjectProvider<SpanCounting> counting;

  CountingSpanExporters(ObjectProvider<SpanCounting> counting) {
    this.counting = counting;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof SpanExporters exporters) {
      SpanCounting counters = counting.getIfUnique();
      if (counters != null) {
        return SpanExporters.of(exporters.list().stream().map(counters::counting).toList());
      }
    }
    return bean;
  }
}
