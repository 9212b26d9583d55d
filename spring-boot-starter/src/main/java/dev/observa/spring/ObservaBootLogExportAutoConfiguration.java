package dev.observa.spring;

import dev.observa.tracing.LogExportCounting;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.opentelemetry.autoconfigure.ConditionalOnEnabledOpenTelemetry;
import org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts the log records Spring Boot's OpenTelemetry logs SDK exports and fails (e.g. to
 * {@code management.opentelemetry.logging.export.otlp.endpoint}), so the doctor warns about a dead log exporter as it
 * does for spans. Boot 4.1 builds its {@code BatchLogRecordProcessor} straight from the {@code LogRecordExporter}
 * beans, with no holder to post-process, and the exporter beans keep their concrete types (an application may inject
 * {@code OtlpHttpLogRecordExporter}); so this configuration, ordered before Boot's
 * {@code OpenTelemetryLoggingAutoConfiguration}, defines that processor itself the way Boot does (the same
 * {@code management.opentelemetry.logging.export.*} settings) over the exporters wrapped in
 * {@link LogExportCounting#counting}, and Boot's {@code @ConditionalOnMissingBean} one backs off. A
 * {@code BatchLogRecordProcessor} bean of the application's wins over both and is not counted.
 *
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "org.springframework.boot.opentelemetry.autoconfigure.logging."
    + "OpenTelemetryLoggingAutoConfiguration")
@ConditionalOnClass(name = {"org.springframework.boot.opentelemetry.autoconfigure.logging."
    + "OpenTelemetryLoggingAutoConfiguration", "io.opentelemetry.sdk.logs.SdkLoggerProvider"})
public final class ObservaBootLogExportAutoConfiguration {
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnEnabledOpenTelemetry
  @EnableConfigurationProperties(OpenTelemetryLoggingProperties.class) // Boot's, registered once whoever asks first
  static class CountingBatchLogRecordProcessor {
    @Bean
    @ConditionalOnMissingBean
    LogExportCounting observaLogExportCounting() {
      return LogExportCounting.create();
    }

    @Bean
    @ConditionalOnMissingBean
    BatchLogRecordProcessor observaBatchLogRecordProcessor(ObjectProvider<LogRecordExporter> exporters,
        OpenTelemetryLoggingProperties properties, LogExportCounting counting) {
      OpenTelemetryLoggingProperties.Export export = properties.getExport();
      LogRecordExporter all = LogRecordExporter.composite(exporters.orderedStream().map(counting::counting).toList());
      return BatchLogRecordProcessor.builder(all).setExporterTimeout(export.getTimeout())
          .setMaxQueueSize(export.getMaxQueueSize()).setScheduleDelay(export.getScheduleDelay())
          .setMaxExportBatchSize(export.getMaxBatchSize()).build();
    }
  }
}
