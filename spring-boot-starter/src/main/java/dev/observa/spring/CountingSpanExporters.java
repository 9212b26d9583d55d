package dev.observa.spring;

import dev.observa.tracing.RecentTraces;
import dev.observa.tracing.SpanCounting;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.core.type.MethodMetadata;

/**
 * Counts the spans Spring Boot's OpenTelemetry SDK exports and fails, so the doctor sees a dead exporter, and feeds
 * the recent-trace store from what it exports: Boot 4.1's {@code OpenTelemetryTracingAutoConfiguration} collects the
 * {@code SpanExporter} beans into one {@link SpanExporters} bean, from which it builds the
 * {@code BatchSpanProcessor} of its {@code SdkTracerProvider}; this post-processor replaces that holder by one whose
 * exporters are wrapped in {@link SpanCounting#counting}, the first of them also feeding the store (as Observa's own
 * SDK feeds its store from one exporter: the store's copies are made on the batch worker, not on a request thread).
 * The exporter beans themselves are untouched, so an application still injects {@code OtlpHttpSpanExporter} (or its
 * own exporter) by its concrete type. A {@code SpanExporters} bean of the application's is counted the same way.
 */
final class CountingSpanExporters implements BeanPostProcessor {
  /** The auto-configuration whose {@code BatchSpanProcessor} bean exports to the {@link SpanExporters} holder. */
  private static final String BOOT_TRACING =
      "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration";

  private final ObjectProvider<SpanCounting> counting;
  private final ObjectProvider<RecentTraces> recentTraces;
  /** The store, once looked up (it is built after the holder). */
  private volatile RecentTraces store;

  CountingSpanExporters(ObjectProvider<SpanCounting> counting, ObjectProvider<RecentTraces> recentTraces) {
    this.counting = counting;
    this.recentTraces = recentTraces;
  }

  /** Boot's holder, its exporters counted and the first feeding the store. */
  private record FeedingExporters(List<SpanExporter> list) implements SpanExporters {}

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    SpanCounting counters;
    if (bean instanceof SpanExporters exporters && !exporters.list().isEmpty()
        && (counters = counting.getIfUnique()) != null) {
      List<SpanExporter> wrapped = new ArrayList<>();
      for (SpanExporter exporter : exporters.list()) {
        // every exporter gets the same spans: the first one feeds the store
        wrapped.add(wrapped.isEmpty() ? counters.counting(exporter, this::fedStore) : counters.counting(exporter));
      }
      return new FeedingExporters(List.copyOf(wrapped));
    }
    return bean;
  }

  /**
   * @return the store when it is built fed by exports (a store built otherwise keeps spans as a span processor, so
   *     it is left alone), else null; never throws
   */
  private RecentTraces fedStore() {
    RecentTraces recent = store;
    if (recent == null) {
      try {
        recent = recentTraces.getIfUnique();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) { // the context is closing or failed: nothing to keep into
        return null;
      }
      if (recent == null) {
        return null;
      }
      store = recent;
    }
    return recent.isEndRequired() ? null : recent;
  }

  /**
   * Whether Boot's exports feed the recent-trace store, which is then built {@linkplain
   * RecentTraces.Builder#fedByExports fed by exports}: the holder (post-processed) has an exporter that feeds it, and
   * Boot's own {@code BatchSpanProcessor} exports to the holder (an application's {@code BatchSpanProcessor} bean
   * replaces Boot's, and exports elsewhere). Otherwise the store is one of Boot's span processors and keeps every
   * trace, as Observa's own SDK does with no exporter.
   *
   * @param holder Boot's holder of the exporters, post-processed; null when there is none
   */
  static boolean feedsStore(SpanExporters holder, ConfigurableListableBeanFactory beanFactory) {
    return holder instanceof FeedingExporters && bootBuildsBatchProcessor(beanFactory);
  }

  private static boolean bootBuildsBatchProcessor(ConfigurableListableBeanFactory beanFactory) {
    for (String name : beanFactory.getBeanNamesForType(BatchSpanProcessor.class, true, false)) {
      if (beanFactory.containsBeanDefinition(name)
          && beanFactory.getBeanDefinition(name) instanceof AnnotatedBeanDefinition definition) {
        MethodMetadata factoryMethod = definition.getFactoryMethodMetadata();
        if (factoryMethod != null && BOOT_TRACING.equals(factoryMethod.getDeclaringClassName())) {
          return true;
        }
      }
    }
    return false;
  }
}
