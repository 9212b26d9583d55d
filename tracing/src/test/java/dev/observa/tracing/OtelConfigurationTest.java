package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.ObservaContext;
import dev.observa.trace.ActiveSpan;
import dev.observa.tracing.internal.SpanCounters;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code OTEL_*} settings reach the SDK through OpenTelemetry's own autoconfigure. The tests set the
 * {@code otel.*} system properties, which autoconfigure reads exactly like the variables ("Any of the
 * configuration options … can be provided as a system property or environment variable", autoconfigure
 * README).
 */
@Timeout(60)
class OtelConfigurationTest {
  private static Observa observa() {
    return Observa.builder().noDiscovery().tracing(OtelTracing.create()).build();
  }

  private static SpanData oneSpan(Observa obs) {
    String traceId;
    try (ActiveSpan span = obs.span("x").startActive()) {
      traceId = span.context().traceId();
    }
    return obs.unwrap(RecentTraces.class).trace(traceId).get(0);
  }

  @Test
  void consoleExporterPrintsTheSpan() {
    List<String> lines = new ArrayList<>();
    Logger jul = Logger.getLogger("io.opentelemetry.exporter.logging.LoggingSpanExporter");
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        lines.add(String.valueOf(record.getParameters() == null ? record.getMessage()
            : java.text.MessageFormat.format(record.getMessage(), record.getParameters())));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.addHandler(capture);
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.traces.exporter", "console");
        Observa obs = observa()) {
      String traceId;
      try (ActiveSpan span = obs.span("printed-span").startActive()) {
        traceId = span.context().traceId();
      }
      assertThat(lines).anySatisfy(line -> assertThat(line).contains("printed-span").contains(traceId));
    } finally {
      jul.removeHandler(capture);
    }
  }

  @Test
  void resourceAttributesReachSpansAndNameTheServiceForEverySignal() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.resource.attributes",
        "service.name=checkout,team=payments,k8s.pod.name=p%2D1,service.version=1.2.3");
        Observa obs = observa()) {
      SpanData span = oneSpan(obs);
      assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("checkout");
      assertThat(span.getResource().getAttribute(AttributeKey.stringKey("team"))).isEqualTo("payments");
      assertThat(span.getResource().getAttribute(AttributeKey.stringKey("k8s.pod.name"))).isEqualTo("p-1");
      assertThat(span.getResource().getAttribute(AttributeKey.stringKey("service.version"))).isEqualTo("1.2.3");
      assertThat(obs.settings().serviceName()).isEqualTo("checkout");   // what logs and metrics use
      assertThat(obs.settings().serviceVersion()).isEqualTo("1.2.3");
    }
  }

  @Test
  void serviceNameVariableWinsOverTheResourceAttributeAndTheBuilderWinsOverBoth() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.service.name", "from-variable",
        "otel.resource.attributes", "service.name=from-attributes")) {
      try (Observa obs = observa()) {
        assertThat(oneSpan(obs).getResource().getAttribute(AttributeKey.stringKey("service.name")))
            .isEqualTo("from-variable");
        assertThat(obs.settings().serviceName()).isEqualTo("from-variable");
      }
      try (Observa obs = Observa.builder().noDiscovery().serviceName("from-builder")
          .defaultServiceName("from-framework").tracing(OtelTracing.create()).build()) {
        assertThat(oneSpan(obs).getResource().getAttribute(AttributeKey.stringKey("service.name")))
            .isEqualTo("from-builder");
        assertThat(obs.settings().serviceName()).isEqualTo("from-builder");
      }
    }
    try (Observa obs = Observa.builder().noDiscovery().defaultServiceName("from-framework").build()) {
      assertThat(obs.settings().serviceName()).isEqualTo("from-framework");
    }
  }

  @Test
  void sdkDisabledRecordsNothingWhileTheFacadeAndPropagationKeepWorking() {
    String parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.sdk.disabled", "true",
        "otel.traces.exporter", "console");
        Observa obs = observa()) {
      ObservaContext remote = obs.extract(Map.of("traceparent", parent), Carriers.mapGetter());
      Map<String, String> out = new HashMap<>();
      try (Scope scope = remote.makeCurrent(); ActiveSpan span = obs.span("server").attribute("k", "v").startActive()) {
        span.event("still works");
        obs.inject(out, Carriers.mapSetter());
      }
      assertThat(out.get("traceparent")).isEqualTo(parent);   // passed through, no span of ours
      assertThat(obs.unwrap(RecentTraces.class).traceIds()).isEmpty();
      assertThat(obs.unwrap(SpanCounters.class).started()).isZero();
      assertThat(obs.unwrap(TracingDescription.class).exporters()).isEmpty();
    }
  }

  @Test
  void samplerVariablesAreHonoured() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.traces.sampler", "always_off");
        Observa obs = observa(); ActiveSpan span = obs.span("x").startActive()) {
      assertThat(span.context().isSampled()).isFalse();
    }
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.traces.sampler", "traceidratio",
        "otel.traces.sampler.arg", "1.0");
        Observa obs = observa(); ActiveSpan span = obs.span("x").startActive()) {
      assertThat(span.context().isSampled()).isTrue();
    }
  }

  @Test
  void theBatchProcessorSettingsReachTheBatchesOfObservasOwnExporters() {
    // The SDK's worker exports as soon as max.export.batch.size spans are queued, and otherwise waits the schedule
    // delay: so the delay is shown with batches larger than the spans ended, the batch size with a flush.
    RecordingSpanExporter delayed = new RecordingSpanExporter();
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.bsp.schedule.delay", "60000");
        Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.builder().exporter(delayed).build())
            .build()) {
      for (int i = 0; i < 5; i++) {
        obs.span("s" + i).start().end();
      }
      assertThat(delayed.batchSizes()).as("a minute's delay: nothing exported before the flush").isEmpty();
      obs.unwrap(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
      assertThat(delayed.batchSizes()).containsExactly(5);
    }
    RecordingSpanExporter sizes = new RecordingSpanExporter();
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.bsp.max.export.batch.size", "2",
        "otel.bsp.schedule.delay", "60000");
        Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.builder().exporter(sizes).build())
            .build()) {
      for (int i = 0; i < 5; i++) {
        obs.span("s" + i).start().end();
      }
      obs.unwrap(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
      assertThat(sizes.batchSizes()).as("every span exported, none in a batch above 2")
          .allSatisfy(size -> assertThat(size).isBetween(1, 2))
          .satisfies(all -> assertThat(all.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5));
    }
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.bsp.export.timeout", "soon")) {
      assertThatIllegalArgumentException().isThrownBy(() -> Observa.builder().noDiscovery()
          .tracing(OtelTracing.builder().exporter(sizes).build()).build()).withMessageContaining("otel.bsp.export.timeout");
    }
  }

  @Test
  void exporterNoneKeepsSpansInMemoryOnly() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.traces.exporter", "none");
        Observa obs = observa()) {
      assertThat(oneSpan(obs).getName()).isEqualTo("x");
      obs.unwrap(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
      assertThat(obs.unwrap(SpanCounters.class).exported()).isZero();
      assertThat(obs.unwrap(TracingDescription.class).exporters()).isEmpty();
    }
  }

  @Test
  void theDefaultExporterIsNoneAndAVariableOverridesIt() {
    try (Observa obs = observa()) {
      assertThat(obs.unwrap(TracingDescription.class).exporters()).isEmpty();
    }
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.traces.exporter", "console");
        Observa obs = observa()) {
      assertThat(obs.unwrap(TracingDescription.class).exporters()).containsExactly("console");
    }
  }

  @Test
  void aBuilderCallWinsOverTheObservaPropertyWhichWinsOverTheVariable() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.traces.exporter", "console",
        "otel.propagators", "b3")) {
      OtelTracing tracing = OtelTracing.builder()
          .properties(Map.of("observa.tracing.exporters", "otlp", "observa.tracing.propagators", "jaeger"))
          .propagators("tracecontext")
          .build();
      try (Observa obs = Observa.builder().noDiscovery().tracing(tracing).build()) {
        TracingDescription description = obs.unwrap(TracingDescription.class);
        assertThat(description.exporters()).containsExactly("otlp");   // observa.* over OTEL_*
        assertThat(description.propagators()).containsExactly("tracecontext");  // builder over observa.*
      }
    }
  }

  @Test
  void invalidValuesFailNamingTheSpelling() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.traces.sampler", "sometimes")) {
      assertThatIllegalArgumentException().isThrownBy(() -> observa().close()).withMessageContaining("sometimes");
    }
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.resource.attributes", "novalue")) {
      assertThatIllegalArgumentException().isThrownBy(() -> observa().close())
          .withMessageContaining("otel.resource.attributes");
    }
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder().samplingRatio(1.5))
        .withMessageContaining("samplingRatio").withMessageContaining("'1.5'");
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder()
        .properties(Map.of("observa.tracing.otlp-protocol", "http/json")))
        .withMessageContaining("observa.tracing.otlp-protocol").withMessageContaining("grpc");
  }

  @Test
  void theBuiltProviderIgnoresLaterBuilderChanges() {
    OtelTracing.Builder builder = OtelTracing.builder().propagators("tracecontext");
    OtelTracing tracing = builder.build();
    builder.propagators("b3").exporters("console").recentTraces(1);
    try (Observa obs = Observa.builder().noDiscovery().tracing(tracing).build()) {
      TracingDescription description = obs.unwrap(TracingDescription.class);
      assertThat(description.propagators()).containsExactly("tracecontext");
      assertThat(description.exporters()).isEmpty();
    }
  }
}
