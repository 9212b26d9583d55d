package dev.observa.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observa.Observa;
import dev.observa.context.DeclaredKey;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import dev.observa.spi.ObservaSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spans through the OpenTelemetry SDK (test scope only: core itself depends on the API alone). */
class SpanBuilderTest {
  private final List<SpanData> ended = new CopyOnWriteArrayList<>();
  private final SdkTracerProvider provider = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
          ended.addAll(spans);
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
      }))
      .build();
  private final Tracer tracer = provider.get("test");
  private final ObservaSettings settings = Observa.builder()
      .declare(DeclaredKey.builder("greeting").routes(Route.PROPAGATE, Route.SPAN_ATTRIBUTE).build())
      .settings();

  @AfterEach
  void shutdown() {
    provider.close();
  }

  private SpanBuilder span(String name) {
    return new SpanBuilder(tracer, settings, name);
  }

  private SpanData only(String name) {
    List<SpanData> matching = ended.stream().filter(span -> span.getName().equals(name)).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  @Test
  void declaredBaggageAndTheTenantBecomeAttributesAndSecretValuesAreRedacted() {
    try (Scope scope = ObservaContext.current().withBaggage("greeting", "hi").withBaggage("undeclared", "x")
        .withTenant("acme").makeCurrent()) {
      span("work").attribute("password", "hunter2").attribute("attempt", 3L).attribute("ratio", 0.5)
          .attribute("retry", true).attribute(null, "ignored").start().end();
    }
    SpanData work = only("work");
    assertThat(work.getAttributes().get(AttributeKey.stringKey("greeting"))).isEqualTo("hi");
    assertThat(work.getAttributes().get(AttributeKey.stringKey("tenant"))).isEqualTo("acme");
    assertThat(work.getAttributes().get(AttributeKey.stringKey("password"))).isEqualTo(ObservaSettings.REDACTED);
    assertThat(work.getAttributes().get(AttributeKey.longKey("attempt"))).isEqualTo(3L);
    assertThat(work.getAttributes().get(AttributeKey.doubleKey("ratio"))).isEqualTo(0.5);
    assertThat(work.getAttributes().get(AttributeKey.booleanKey("retry"))).isTrue();
    assertThat(work.getAttributes().get(AttributeKey.stringKey("undeclared"))).isNull();
  }

  @Test
  void anActiveSpanIsCurrentUntilClosedAndThePreviousContextComesBack() {
    Span before = Span.current();
    String traceId;
    try (ActiveSpan active = span("outer").kind(SpanKind.SERVER).startActive()) {
      assertThat(Span.current()).isSameAs(active.span());
      assertThat(ObservaContext.current().spanId()).isEqualTo(active.span().getSpanContext().getSpanId());
      assertThat(active.context().traceId()).isEqualTo(active.span().getSpanContext().getTraceId());
      traceId = active.span().getSpanContext().getTraceId();
      span("child").start().end();
      span("root").noParent().start().end();
    }
    assertThat(Span.current()).isSameAs(before);
    SpanData outer = only("outer");
    assertThat(outer.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(only("child").getParentSpanId()).isEqualTo(outer.getSpanId());
    assertThat(only("child").getTraceId()).isEqualTo(traceId);
    assertThat(only("root").getTraceId()).isNotEqualTo(traceId);
    assertThat(only("root").getParentSpanContext().isValid()).isFalse();
  }

  @Test
  void anExplicitParentWinsOverTheCurrentContextAndLinksAreKept() {
    Span parent = span("parent").start();
    Span linked = span("linked").start();
    ObservaContext parentContext = ObservaContext.from(io.opentelemetry.context.Context.root().with(parent));
    try (ActiveSpan unrelated = span("current").startActive()) {
      span("explicit").parent(parentContext).link(linked.getSpanContext()).link(null).start().end();
    }
    parent.end();
    linked.end();
    SpanData explicit = only("explicit");
    assertThat(explicit.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(explicit.getLinks()).extracting(link -> link.getSpanContext().getSpanId())
        .containsExactly(linked.getSpanContext().getSpanId());
  }

  @Test
  void runAndCallRecordTheExceptionMarkTheSpanFailedAndRethrowItUnchanged() throws Exception {
    IllegalStateException failure = new IllegalStateException("boom");
    assertThatThrownBy(() -> span("run").run(() -> {
      throw failure;
    })).isSameAs(failure);
    IOException checked = new IOException("io");
    assertThatThrownBy(() -> span("call").call(() -> {
      throw checked;
    })).isSameAs(checked);
    assertThat(span("ok").call(() -> 42)).isEqualTo(42);

    assertThat(only("run").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(only("run").getStatus().getDescription()).contains("IllegalStateException").contains("boom");
    assertThat(only("run").getEvents()).extracting(event -> event.getName()).contains("exception");
    assertThat(only("call").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(only("ok").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void activeSpanEventsAndAttributesRedactSecretsAndASecondCloseDoesNothing() {
    ActiveSpan active = span("handle").startActive();
    active.event("login", "token", "abc").event("plain").event(null).attribute("cookie", "c").attribute("n", 2L)
        .error("bad input");
    active.close();
    active.close();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    SpanData handle = only("handle");
    assertThat(handle.getEvents()).extracting(event -> event.getName()).containsExactly("login", "plain");
    assertThat(handle.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("token")))
        .isEqualTo(ObservaSettings.REDACTED);
    assertThat(handle.getAttributes().get(AttributeKey.stringKey("cookie"))).isEqualTo(ObservaSettings.REDACTED);
    assertThat(handle.getAttributes().get(AttributeKey.longKey("n"))).isEqualTo(2L);
    assertThat(handle.getStatus().getDescription()).isEqualTo("bad input");
  }

  @Test
  void detachLeavesTheSpanRunningButNoLongerCurrent() {
    ActiveSpan active = span("async").startActive();
    active.detach();
    assertThat(Span.current().getSpanContext().isValid()).isFalse();
    assertThat(ended).isEmpty();
    active.close();
    assertThat(only("async").hasEnded()).isTrue();
  }

  @Test
  void aDetachedStartNeverChangesTheCurrentContextAndItsContextHoldsTheSpanOverItsParent() {
    ActiveSpan parent = span("parent").startActive();
    Context before = Context.current();
    ActiveSpan detached = span("child").startDetached();
    assertThat(Context.current()).isSameAs(before);
    assertThat(Span.fromContext(detached.otelContext())).isSameAs(detached.span());
    assertThat(detached.span().getSpanContext().getTraceId()).isEqualTo(parent.span().getSpanContext().getTraceId());
    detached.close();
    assertThat(Context.current()).isSameAs(before);
    assertThat(only("child").hasEnded()).isTrue();
    parent.close();
  }
}
