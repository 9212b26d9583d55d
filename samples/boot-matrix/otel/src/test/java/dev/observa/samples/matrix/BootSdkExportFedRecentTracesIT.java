package dev.observa.samples.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * With Spring Boot's OpenTelemetry SDK exporting somewhere (an application's {@code SpanExporter} bean), the
 * recent-trace store is fed from Boot's exports on its batch worker, not as a span processor on the thread that ends
 * the span (issue 19: the store costs a request nothing), and keeps 1 % of the traces by default, as with Observa's
 * own SDK and an exporter.
 */
@SpringBootTest(classes = {MatrixApplication.class, BootSdkExportFedRecentTracesIT.Exporting.class},
    properties = {"spring.application.name=matrix", "management.tracing.sampling.probability=1.0",
        "management.opentelemetry.tracing.export.schedule-delay=1h"}) // nothing exported before the flush
@Timeout(60)
class BootSdkExportFedRecentTracesIT {
  /** An exporter of the application's, as Boot's SDK takes every {@code SpanExporter} bean. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Exporting {
    @Bean
    RecordingExporter recordingExporter() {
      return new RecordingExporter();
    }
  }

  static final class RecordingExporter implements SpanExporter {
    final List<SpanData> spans = new CopyOnWriteArrayList<>();

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
      spans.addAll(batch);
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

  @Autowired
  Observa observa;

  @Autowired
  OpenTelemetry openTelemetry;

  @Autowired
  SdkTracerProvider bootTracerProvider;

  @Autowired
  RecordingExporter exporter;

  /** A trace of two spans under a remote parent of the given id (its last 4 hex digits choose the store's sample). */
  private void trace(String traceId) {
    Tracer tracer = openTelemetry.getTracer("probe");
    SpanContext remote = SpanContext.createFromRemoteParent(traceId, "00f067aa0ba902b7", TraceFlags.getSampled(),
        TraceState.getDefault());
    Span root = tracer.spanBuilder("GET /orders").setParent(Context.root().with(Span.wrap(remote))).startSpan();
    tracer.spanBuilder("SELECT orders").setParent(Context.root().with(root)).startSpan().end();
    root.end();
  }

  @Test
  void theStoreKeepsASampleOfWhatBootExportsAndNothingWhenASpanEnds() {
    RecentTraces store = observa.unwrap(RecentTraces.class);
    assertThat(store.isEndRequired()).as("Boot's SDK never calls it when a span ends").isFalse();
    assertThat(store.sampleRatio()).isEqualTo(RecentTraces.EXPORTING_SAMPLE_RATIO);
    String inSample = "4bf92f3577b34da6a3ce929d0e0e0000";  // low 16 bits 0: in the sample at any ratio
    String outOfSample = "4bf92f3577b34da6a3ce929d0e0effff";

    trace(inSample);
    trace(outOfSample);
    assertThat(store.contains(inSample)).as("ended, not yet exported: not kept").isFalse();

    assertThat(bootTracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();

    assertThat(exporter.spans).extracting(SpanData::getTraceId).filteredOn(id -> id.startsWith("4bf92f"))
        .containsOnly(inSample, outOfSample).hasSize(4);
    assertThat(store.trace(inSample)).extracting(SpanData::getName).containsExactly("SELECT orders", "GET /orders");
    assertThat(store.contains(outOfSample)).isFalse();
  }
}
