package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observa.Observa;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attribute value length limit. The configuration specification: {@code OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT} "Maximum
 * allowed attribute value size", default "no limit", and {@code OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT} for spans,
 * which wins over it. Observa bounds what its own span API sets (request data goes through it) at 4096 by default
 * and leaves spans made through the OpenTelemetry API to the specification's default; a limit that is given applies
 * to both.
 */
@Timeout(60)
class AttributeLengthLimitTest {
  private static final AttributeKey<String> LONG = AttributeKey.stringKey("long");
  private static final String TEN_THOUSAND = "x".repeat(10_000);

  /** Makes one span through Observa's API (attributes, an event, an exception) and one through the OTel API. */
  private static Map<String, SpanData> spans(OtelTracing.Builder tracing) {
    RecordingSpanExporter capture = new RecordingSpanExporter();
    try (Observa obs = Observa.builder().noDiscovery().tracing(tracing.exporter(capture).build()).build()) {
      try (ActiveSpan span = obs.span("observa").attribute("long", TEN_THOUSAND).startActive()) {
        span.attribute("later", TEN_THOUSAND).event("e", "value", TEN_THOUSAND)
            .recordException(new IllegalStateException(TEN_THOUSAND));
      }
      obs.unwrap(OpenTelemetry.class).getTracer("other").spanBuilder("otel-api").setAttribute(LONG, TEN_THOUSAND)
          .startSpan().end();
    }
    return capture.byName();
  }

  private static int length(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.stringKey(key)).length();
  }

  private static EventData event(SpanData span, String name) {
    return span.getEvents().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void observasSpanApiCutsEveryValueAt4096ByDefaultAndOtherSpansKeepTheSpecificationsNoLimit() {
    Map<String, SpanData> spans = spans(OtelTracing.builder());

    SpanData ours = spans.get("observa");
    assertThat(length(ours, "long")).isEqualTo(4096);
    assertThat(length(ours, "later")).isEqualTo(4096);
    assertThat(event(ours, "e").getAttributes().get(AttributeKey.stringKey("value"))).hasSize(4096);
    assertThat(event(ours, "exception").getAttributes().get(AttributeKey.stringKey("exception.message")))
        .hasSize(4096);
    assertThat(ours.getStatus().getDescription()).hasSize(4096);
    assertThat(length(spans.get("otel-api"), "long")).isEqualTo(10_000);
  }

  @Test
  void aGivenLimitAppliesToObservasSpansAndToEverySpanOfTheSdk() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.attribute.value.length.limit", "100")) {
      Map<String, SpanData> spans = spans(OtelTracing.builder());
      assertThat(length(spans.get("observa"), "long")).isEqualTo(100);
      assertThat(length(spans.get("otel-api"), "long")).isEqualTo(100);
    }
  }

  @Test
  void theSpanLimitWinsOverTheGeneralOne() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.attribute.value.length.limit", "100",
        "otel.span.attribute.value.length.limit", "50")) {
      Map<String, SpanData> spans = spans(OtelTracing.builder());
      assertThat(length(spans.get("observa"), "long")).isEqualTo(50);
      assertThat(length(spans.get("otel-api"), "long")).isEqualTo(50);
    }
  }

  @Test
  void theBuildersLimitWinsOverTheEnvironment() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.attribute.value.length.limit", "100")) {
      Map<String, SpanData> spans = spans(OtelTracing.builder().maxAttributeLength(20));
      assertThat(length(spans.get("observa"), "long")).isEqualTo(20);
      assertThat(length(spans.get("otel-api"), "long")).isEqualTo(20);
    }
  }

  @Test
  void aCutNeverEndsInHalfASurrogatePair() {
    RecordingSpanExporter capture = new RecordingSpanExporter();
    try (Observa obs = Observa.builder().noDiscovery()
        .tracing(OtelTracing.builder().maxAttributeLength(5).exporter(capture).build()).build()) {
      obs.span("emoji").attribute("long", "abcd\uD83D\uDE00").start().end(); // 'abcd' + one code point in 2 chars
    }
    assertThat(capture.byName().get("emoji").getAttributes().get(LONG)).isEqualTo("abcd");
  }

  @Test
  void logRecordsKeepTheDefaultLimitWhenNoneIsGiven() {
    try (Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.builder().build()).build()) {
      assertThat(obs.unwrap(OpenTelemetrySdk.class).getSdkLoggerProvider().toString())
          .contains("maxAttributeValueLength=4096");
    }
  }

  /** The length of the value Observa's span API set on a span of the application's own SDK (no limit of its own). */
  private static int cutOnTheApplicationsSdk(java.util.function.Function<OpenTelemetry, dev.observa.spi.TracingProvider>
      provider) {
    RecordingSpanExporter capture = new RecordingSpanExporter();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(capture)).build()).build();
        Observa obs = Observa.builder().noDiscovery().tracing(provider.apply(sdk)).build()) {
      obs.span("observa").attribute("long", TEN_THOUSAND).start().end();
    }
    return length(capture.byName().get("observa"), "long");
  }

  @Test
  void onTheApplicationsOwnSdkObservasSpanApiKeepsTheSameRule() {
    assertThat(cutOnTheApplicationsSdk(OtelTracing::using)).isEqualTo(4096);
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.attribute.value.length.limit", "100")) {
      assertThat(cutOnTheApplicationsSdk(OtelTracing::using)).isEqualTo(100);
      try (OtelSystemProperties span = OtelSystemProperties.set("otel.span.attribute.value.length.limit", "50")) {
        assertThat(cutOnTheApplicationsSdk(OtelTracing::using)).isEqualTo(50);
      }
      // given (observa.tracing.max-attribute-length in the starter): wins over the environment
      assertThat(cutOnTheApplicationsSdk(sdk -> OtelTracing.using(sdk, null, null, 20))).isEqualTo(20);
    }
  }

  @Test
  void aMalformedLimitForTheApplicationsSdkIsRejectedWithTheVariablesName() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.attribute.value.length.limit", "lots")) {
      assertThatThrownBy(() -> cutOnTheApplicationsSdk(OtelTracing::using))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT").hasMessageContaining("lots");
    }
    assertThatThrownBy(() -> OtelTracing.using(OpenTelemetry.noop(), null, null, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }
}
