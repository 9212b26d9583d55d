package dev.observa.spring;

import dev.observa.Observa;
import dev.observa.ObservaBuilder;
import dev.observa.context.DeclaredKey;
import dev.observa.context.Route;
import dev.observa.logging.Slf4jLogging;
import dev.observa.metrics.MeterNameGuard;
import dev.observa.metrics.PrometheusMetrics;
import dev.observa.spring.internal.ServerSpanCorrelation;
import dev.observa.spi.TracingProvider;
import dev.observa.tracing.OtelTracing;
import dev.observa.tracing.RecentTraces;
import dev.observa.tracing.SpanCounting;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.aspectj.lang.annotation.Aspect;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanExporters;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;

/**
 * Creates the facade and the three signals. The application's own {@code PrometheusMeterRegistry}
 * (Spring Boot's, with Actuator) and {@code OpenTelemetry} beans are reused when present, so there is never
 * a second registry or SDK; every bean backs off when the application defines its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
    "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration"})
@EnableConfigurationProperties(ObservaProperties.class)
public final class ObservaAutoConfiguration {

  /**
   * Refuses a Micrometer meter whose Prometheus name an Observa metric owns (and the reverse); a
   * {@code MeterFilter} bean, so Spring Boot installs it on the registry before the first meter.
   */
  @Bean
  @ConditionalOnMissingBean
  MeterNameGuard observaMeterNameGuard() {
    return MeterNameGuard.create();
  }

  @Bean
  @ConditionalOnMissingBean
  PrometheusMetrics observaPrometheusMetrics(ObservaProperties properties,
      ObjectProvider<PrometheusMeterRegistry> registry, MeterNameGuard guard) {
    properties.validate();
    PrometheusMeterRegistry existing = registry.getIfUnique();
    return existing != null ? PrometheusMetrics.builder().registry(existing).nameGuard(guard).build()
        : PrometheusMetrics.create();
  }

  /**
   * Observa's own SDK, configured by OpenTelemetry's autoconfigure: {@code observa.tracing.*} properties win
   * over {@code OTEL_*} variables, and {@link ObservaTracingCustomizer} beans (builder calls) over both. The
   * application's {@code SpanProcessor} beans join it, as they join Spring Boot's SDK (called from Observa's one
   * span processor, in bean order); an application with its own {@code OpenTelemetry} keeps them there.
   */
  @Bean
  @ConditionalOnMissingBean
  TracingProvider observaTracingProvider(ObservaProperties properties, ObjectProvider<OpenTelemetry> openTelemetry,
      ObjectProvider<ObservaTracingCustomizer> customizers, ObjectProvider<RecentTraces> recentTraces,
      ObjectProvider<SpanCounting> counting, ObjectProvider<SpanProcessor> spanProcessors) {
    properties.validate();
    OpenTelemetry existing = openTelemetry.getIfUnique();
    if (existing != null) {
      // Observa's span API keeps cutting values at observa.tracing.max-attribute-length (else OTEL_*, else 4096)
      Integer maxLength = properties.getTracing().getMaxAttributeLength();
      return maxLength != null ? OtelTracing.using(existing, recentTraces.getIfUnique(), counting.getIfUnique(), maxLength)
          : OtelTracing.using(existing, recentTraces.getIfUnique(), counting.getIfUnique());
    }
    // the request's SERVER span recorded for the container's own lines, inside Observa's one SDK processor
    OtelTracing.Builder builder = OtelTracing.builder().properties(properties.getTracing().asProperties())
        .spanProcessor(ServerSpanCorrelation.INSTANCE);
    // the store and the counts as beans are meant for Boot's SDK; Observa's own SDK has its own
    spanProcessors.orderedStream()
        .filter(p -> p != ServerSpanCorrelation.INSTANCE && !(p instanceof RecentTraces) && !(p instanceof SpanCounting))
        .forEach(builder::spanProcessor);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Observa observa(ObservaProperties properties, Environment environment, PrometheusMetrics metrics,
      TracingProvider tracing) {
    properties.validate();
    if (environment.containsProperty("observa.redact-keys")) {
      throw new InvalidObservaPropertyException("observa.redact-keys", environment.getProperty("observa.redact-keys"),
          "none: the setting is now observa.redaction.keys (added to the default words)");
    }
    ObservaBuilder builder = Observa.builder().noDiscovery()
        .metrics(metrics).tracing(tracing).logging(Slf4jLogging.create())
        .redaction(properties.getRedaction().toPolicy());
    if (properties.getServiceName() != null) {
      builder.serviceName(properties.getServiceName());
    }
    String application = environment.getProperty("spring.application.name");
    if (application != null && !application.isBlank()) {
      builder.defaultServiceName(application);
    }
    if (properties.getEnvironment() != null) {
      builder.environment(properties.getEnvironment());
    }
    for (String key : properties.getBaggage().getAllowList()) {
      builder.declare(DeclaredKey.builder(key).routes(Route.PROPAGATE, Route.LOG, Route.SPAN_ATTRIBUTE).build());
    }
    DeclaredKey.Builder tenant = DeclaredKey.builder("tenant").routes(Route.LOG, Route.SPAN_ATTRIBUTE);
    if (!properties.getTenant().getMetricTagValues().isEmpty()) {
      tenant.metricTagValues(properties.getTenant().getMetricTagValues().toArray(String[]::new));
    }
    builder.declare(tenant.build());
    return builder.buildAndSetGlobal();
  }

  /** Runs {@code @Async}, executor and scheduler tasks in the submitter's context, restoring the worker's. */
  @Bean
  @ConditionalOnMissingBean(TaskDecorator.class)
  TaskDecorator observaContextTaskDecorator() {
    return task -> io.opentelemetry.context.Context.current().wrap(task);
  }

  /**
   * With Spring Boot's OpenTelemetry SDK (which takes every {@code SpanProcessor} bean), the recent-trace store
   * behind {@code /actuator/traces} fills although Observa does not own the SDK: once Boot exports somewhere it is
   * fed from Boot's exports, on the batch worker ({@link CountingSpanExporters#feedsStore}; a request thread pays
   * nothing for it; 1 % of the traces unless {@code observa.tracing.recent-traces-sample-ratio} is set), otherwise
   * it is one of Boot's span processors and keeps every trace, as with Observa's own SDK. {@link SpanCounting} is
   * one of Boot's span processors too, with the exporters of Boot's {@code SpanExporters} holder wrapped to count
   * exports and failures ({@link CountingSpanExporters}; the exporter beans keep their types) for the doctor.
   * Observa's own SDK adds its store and counters itself and never reads these beans.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.SpanProcessors")
  static class BootSdkRecentTraces {
    @Bean
    @ConditionalOnMissingBean
    RecentTraces observaRecentTraces(ObservaProperties properties, ObjectProvider<SpanExporters> bootExporters,
        ConfigurableListableBeanFactory beanFactory) {
      ObservaProperties.Tracing tracing = properties.getTracing();
      Integer maxTraces = tracing.getRecentTraces();
      RecentTraces.Builder builder = RecentTraces.builder().maxTraces(maxTraces == null ? 100 : maxTraces);
      if (tracing.getRecentTracesMaxBytes() != null) {
        builder.maxBytes(tracing.getRecentTracesMaxBytes());
      }
      if (tracing.getRecentTracesSampleRatio() != null) {
        builder.sampleRatio(tracing.getRecentTracesSampleRatio());
      }
      if (CountingSpanExporters.feedsStore(bootExporters.getIfUnique(), beanFactory)) {
        builder.fedByExports();
      }
      return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    SpanCounting observaSpanCounting() {
      return SpanCounting.create();
    }

    @Bean
    static CountingSpanExporters observaCountingSpanExporters(ObjectProvider<SpanCounting> counting,
        ObjectProvider<RecentTraces> recentTraces) {
      return new CountingSpanExporters(counting, recentTraces);
    }
  }

  /** The aspect behind {@code @Observe}; off with {@code observa.annotations.enabled=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(Aspect.class)
  @ConditionalOnProperty(prefix = "observa.annotations", name = "enabled", havingValue = "true", matchIfMissing = true)
  static class AnnotationsConfiguration {
    @Bean
    @ConditionalOnMissingBean
    ObserveAspect observeAspect(Observa observa, ObservaProperties properties) {
      return new ObserveAspect(observa, properties.getMetrics(), properties.getAnnotations().getIgnoredExceptions());
    }
  }
}
