package dev.observa.samples.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application that builds its own {@code BatchSpanProcessor} bean replaces Boot's, which exports to Boot's
 * exporter holder: the recent-trace store is then not fed from Boot's exports but stays one of Boot's span processors
 * and keeps every trace as it ends, although an exporter bean exists.
 */
@SpringBootTest(classes = {MatrixApplication.class, BootSdkOwnBatchProcessorRecentTracesIT.OwnBatchProcessor.class},
    properties = {"spring.application.name=matrix", "management.tracing.sampling.probability=1.0"})
@Timeout(60)
class BootSdkOwnBatchProcessorRecentTracesIT {
  @TestConfiguration(proxyBeanMethods = false)
  static class OwnBatchProcessor {
    @Bean
    BootSdkExportFedRecentTracesIT.RecordingExporter recordingExporter() {
      return new BootSdkExportFedRecentTracesIT.RecordingExporter();
    }

    @Bean
    BatchSpanProcessor ownBatchProcessor(BootSdkExportFedRecentTracesIT.RecordingExporter exporter) {
      return BatchSpanProcessor.builder(exporter).build();
    }
  }

  @Autowired
  Observa observa;

  @Autowired
  OpenTelemetry openTelemetry;

  @Test
  void theStoreStaysASpanProcessorAndKeepsEveryTraceAsItEnds() {
    RecentTraces store = observa.unwrap(RecentTraces.class);
    assertThat(store.isEndRequired()).isTrue();
    assertThat(store.sampleRatio()).isEqualTo(1.0);

    Span span = openTelemetry.getTracer("probe").spanBuilder("work").startSpan();
    span.end();

    assertThat(store.trace(span.getSpanContext().getTraceId())).hasSize(1); // a read takes in what is queued
  }
}
