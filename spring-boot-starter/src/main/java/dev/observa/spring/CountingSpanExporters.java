package dev.observa.spring;

import dev.observa.tracing.RecentTraces;
import dev.observa.tracing.SpanCounting;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
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
 * exporters are wrapped in {@link SpanCounting#counting} and, when there is at least one, led by a feed of the store
 * (so the store's copies are made on the batch worker, not on a request thread). The exporter beans themselves are
 * untouched, so an application still injects {@code OtlpHttpSpanExporter} (or its own exporter) by its concrete
 * type. A {@code SpanExporters} bean of the application's is counted the same way.
 */
final class CountingSpanExporters implements BeanPostProcessor {
  /** The auto-configuration whose {@code BatchSpanProcessor} bean exports to the {@link SpanExporters} holder. */
  private static final String BOOT_TRACING =
      "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration";

  private final ObjectProvider<SpanCounting> counting;
  private final ObjectProvider<RecentTraces> recentTraces;

  CountingSpanExporters(ObjectProvider<SpanCounting> counting, ObjectProvider<RecentTraces> recentTraces) {
    this.counting = counting;
    this.recentTraces = recentTraces;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof SpanExporters exporters && !exporters.list().isEmpty()) {
      SpanCounting counters = counting.getIfUnique();
      List<SpanExporter> wrapped = new ArrayList<>();
      wrapped.add(new StoreFeed(recentTraces)); // first: the spans are kept whatever an exporter then does
      exporters.list().forEach(exporter -> wrapped.add(counters != null ? counters.counting(exporter) : exporter));
      return SpanExporters.of(wrapped);
    }
    return bean;
  }

  /**
   * Whether Boot's exports feed the recent-trace store, which is then built {@linkplain
   * RecentTraces.Builder#fedByExports fed by exports}: the holder (post-processed) has an exporter, so it leads with
   * the store's feed, and Boot's own {@code BatchSpanProcessor} exports to it (an application's
   * {@code BatchSpanProcessor} bean replaces Boot's, and exports elsewhere). Otherwise the store is one of Boot's
   * span processors and keeps every trace, as Observa's own SDK does with no exporter.
   *
   * @param holder Boot's holder of the exporters, post-processed; null when there is none
   */
  static boolean feedsStore(SpanExporters holder, ConfigurableListableBeanFactory beanFactory) {
    return holder != null && holder.list().stream().anyMatch(StoreFeed.class::isInstance)
        && bootBuildsBatchProcessor(beanFactory);
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

  /**
   * Hands the exported spans to the recent-trace store when it is fed by exports (a store built otherwise keeps
   * them as a span processor, so it is left alone); looks the store up at the first export (it is built after the
   * holder). Never fails the export: the store's own failures are counted by it.
   */
  private static final class StoreFeed implements SpanExporter {
    private final ObjectProvider<RecentTraces> provider;
    private volatile RecentTraces store;

    StoreFeed(ObjectProvider<RecentTraces> provider) {
      this.provider = provider;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      RecentTraces recent = store;
      if (recent == null) {
        try {
          recent = provider.getIfUnique();
        } catch (VirtualMachineError e) {
          throw e;
        } catch (Throwable e) { // the context is closing or failed: nothing to keep into
          return CompletableResultCode.ofSuccess();
        }
        store = recent;
      }
      if (recent != null && !recent.isEndRequired()) {
        recent.keepExported(spans);
      }
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
