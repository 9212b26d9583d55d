package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observa.Observa;
import dev.observa.context.DeclaredKey;
import dev.observa.context.Route;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seed's hello-world tracing demo inside one process, checked on the in-memory store. */
class SeedDemoSpanTreeTest {
  private final Observa obs = Observa.builder().noDiscovery()
      .serviceName("hello-world")
      .declare(DeclaredKey.builder("greeting").routes(Route.PROPAGATE, Route.SPAN_ATTRIBUTE).build())
      .tracing(OtelTracing.create())
      .build();
  private final RecentTraces recent = obs.unwrap(RecentTraces.class);

  @AfterEach
  void close() {
    obs.close();
  }

  @Test
  void sayHelloHasFormatStringAndPrintHelloAsChildrenInOneTrace() {
    String traceId;
    try (Scope baggage = obs.context().withBaggage("greeting", "Bonjour").makeCurrent();
         ActiveSpan sayHello = obs.span("say-hello").attribute("hello-to", "Bryan").startActive()) {
      traceId = sayHello.context().traceId();
      String text;
      try (ActiveSpan format = obs.span("formatString").startActive()) {
        text = obs.context().baggageValue("greeting") + ", Bryan!";
        format.event("string-format", "value", text);
      }
      try (ActiveSpan print = obs.span("printHello").startActive()) {
        print.event("println");
      }
      assertThat(text).isEqualTo("Bonjour, Bryan!");
    }

    List<SpanData> spans = recent.trace(traceId);
    Map<String, SpanData> byName = spans.stream().collect(Collectors.toMap(SpanData::getName, s -> s));
    SpanData root = byName.get("say-hello");
    assertThat(root.getParentSpanContext().isValid()).isFalse();
    assertThat(root.getAttributes().get(AttributeKey.stringKey("hello-to"))).isEqualTo("Bryan");
    assertThat(root.getAttributes().get(AttributeKey.stringKey("greeting"))).isEqualTo("Bonjour");
    assertThat(byName.get("formatString").getParentSpanId()).isEqualTo(root.getSpanId());
    assertThat(byName.get("printHello").getParentSpanId()).isEqualTo(root.getSpanId());
    assertThat(byName.get("printHello").getEvents()).extracting(e -> e.getName()).containsExactly("println");
    assertThat(byName.get("formatString").getEvents()).extracting(e -> e.getName()).containsExactly("string-format");
    assertThat(spans).hasSize(3);
    assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(traceId));
    assertThat(root.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("hello-world");
  }

  @Test
  void eventCarriesItsValueAsTheSeedsStringFormatEvent() {
    String traceId;
    try (ActiveSpan span = obs.span("formatString").startActive()) {
      traceId = span.context().traceId();
      span.event("string-format", "value", "Hello, Bryan!");
    }
    SpanData data = recent.trace(traceId).get(0);
    assertThat(data.getEvents().get(0).getName()).isEqualTo("string-format");
    assertThat(data.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("value"))).isEqualTo("Hello, Bryan!");
  }

  @Test
  void runRecordsTheExceptionSetsErrorAndRethrowsItUnchanged() {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(() -> obs.span("failing").run(() -> {
      throw boom;
    })).isSameAs(boom);
    SpanData data = recent.trace(recent.traceIds().get(0)).get(0);
    assertThat(data.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(data.getEvents()).extracting(e -> e.getName()).contains("exception");
  }

  @Test
  void secretAttributesAreRedactedAndLongValuesTruncated() {
    Observa limited = Observa.builder().noDiscovery()
        .tracing(OtelTracing.builder().maxAttributeLength(12).build()).build();
    try {
      String traceId;
      try (ActiveSpan span = limited.span("login").attribute("Authorization", "Bearer abc")
          .attribute("user", "a-very-long-user-name").startActive()) {
        span.attribute("password", "hunter2");
        traceId = span.context().traceId();
      }
      SpanData data = limited.unwrap(RecentTraces.class).trace(traceId).get(0);
      assertThat(data.getAttributes().get(AttributeKey.stringKey("Authorization"))).isEqualTo("[REDACTED]");
      assertThat(data.getAttributes().get(AttributeKey.stringKey("password"))).isEqualTo("[REDACTED]");
      assertThat(data.getAttributes().get(AttributeKey.stringKey("user"))).isEqualTo("a-very-long-");
    } finally {
      limited.close();
    }
  }

  @Test
  void spansAreRecordingAndValidWithoutAnyExporter() {
    try (ActiveSpan span = obs.span("no-exporter").startActive()) {
      assertThat(span.span().isRecording()).isTrue();
      assertThat(span.context().hasSpan()).isTrue();
      assertThat(span.context().isSampled()).isTrue();
    }
  }

  @Test
  void recentTracesKeepsOnlyTheNewestTraces() {
    Observa small = Observa.builder().noDiscovery().tracing(OtelTracing.builder().recentTraces(2).build()).build();
    try {
      for (int i = 0; i < 5; i++) {
        small.span("s" + i).start().end();
      }
      assertThat(small.unwrap(RecentTraces.class).traceIds()).hasSize(2);
    } finally {
      small.close();
    }
  }
}
