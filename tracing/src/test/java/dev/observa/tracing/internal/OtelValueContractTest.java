package dev.observa.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.context.DeclaredKeys;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry's javadoc asks implementations of {@link SpanContext}, {@link TraceState} and {@link Baggage}
 * to be value-based: what our extraction produces must equal OpenTelemetry's own value with the same
 * content in both directions, hash alike and be found in a {@link HashSet} either way.
 */
class OtelValueContractTest {
  private static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  private static Context extract(Map<String, String> headers) {
    return Propagators.create(List.of("tracecontext", "baggage"), DeclaredKeys.defaults())
        .extract(Context.root(), headers, GETTER);
  }

  /** The contract of {@link Object#equals} and {@link Object#hashCode} between two values, both ways. */
  private static void assertValueEqual(Object ours, Object theirs) {
    assertThat(ours).isEqualTo(theirs);
    assertThat(theirs).isEqualTo(ours);
    assertThat(ours.hashCode()).isEqualTo(theirs.hashCode());
    assertThat(new HashSet<>(List.of(ours))).contains(theirs);
    assertThat(new HashSet<>(List.of(theirs))).contains(ours);
  }

  @Test
  void anExtractedSpanContextIsOpenTelemetrysOwnValue() {
    SpanContext ours = Span.fromContext(extract(Map.of("traceparent",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-03"))).getSpanContext();
    SpanContext theirs = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
        TraceFlags.fromByte((byte) 3), TraceState.getDefault());
    assertThat(ours.getTraceFlags().isTraceIdRandom()).isTrue();
    assertValueEqual(ours, theirs);
  }

  /**
   * {@link ValidatingTraceContextPropagator} leaves the id checks to {@link SpanContext#createFromRemoteParent}:
   * W3C Trace Context, "trace-id ... 32HEXDIGLC ... All bytes as zero is considered an invalid value" and
   * "parent-id ... 16HEXDIGLC ... All bytes as zero is considered an invalid value". This pins that
   * OpenTelemetry's check is exactly that rule.
   */
  @Test
  void openTelemetryRefusesIdsTheW3cRulesRefuse() {
    String trace = "0af7651916cd43dd8448eb211c80319c";
    String parent = "b7ad6b7169203331";
    assertThat(remote(trace, parent).isValid()).isTrue();
    assertThat(remote("0123456789abcdef0123456789abcdef", "fedcba9876543210").isValid()).isTrue();
    for (String badTrace : List.of("00000000000000000000000000000000", "0AF7651916CD43DD8448EB211C80319C",
        "0af7651916cd43dd8448eb211c80319g", "0af7651916cd43dd8448eb211c80319:", "0af7651916cd43dd8448eb211c80319\u0130",
        "0af7651916cd43dd8448eb211c80319", "0af7651916cd43dd8448eb211c80319cc")) {
      assertThat(remote(badTrace, parent).isValid()).as(badTrace).isFalse();
    }
    for (String badParent : List.of("0000000000000000", "B7AD6B7169203331", "b7ad6b716920333/", "b7ad6b716920333g",
        "b7ad6b716920333", "b7ad6b7169203331a")) {
      assertThat(remote(trace, badParent).isValid()).as(badParent).isFalse();
    }
  }

  private static SpanContext remote(String traceId, String spanId) {
    return SpanContext.createFromRemoteParent(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
  }

  @Test
  void anExtractedSpanContextWithTracestateIsOpenTelemetrysOwnValue() {
    SpanContext ours = Span.fromContext(extract(Map.of("traceparent",
        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tracestate", "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")))
        .getSpanContext();
    TraceState state = TraceState.builder().put("congo", "t61rcWkgMzE").put("rojo", "00f067aa0ba902b7").build();
    assertValueEqual(ours.getTraceState(), state);
    assertValueEqual(ours, SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
        TraceFlags.getSampled(), state));
  }

  @Test
  void aLevelTwoTracestateOpenTelemetryCannotHoldIsEqualOnlyToItsLikes() {
    TraceState ours = ListTraceState.of(new String[] {"foo@@bar", "1", "bar", "2"});
    TraceState again = ListTraceState.of(new String[] {"foo@@bar", "1", "bar", "2"});
    assertThat(ours).isInstanceOf(ListTraceState.class);
    assertValueEqual(ours, again);
    TraceState representable = TraceState.builder().put("bar", "2").build(); // what OpenTelemetry keeps of it
    assertThat(ours).isNotEqualTo(representable);
    assertThat(representable).isNotEqualTo(ours);
    assertThat(ours.toBuilder().build()).isEqualTo(representable);
  }

  @Test
  void extractedBaggageIsOpenTelemetrysOwnValue() {
    Baggage ours = Baggage.fromContext(extract(Map.of("baggage", "b=2;ttl=60, a=%20x,a=1")));
    Baggage theirs = Baggage.builder().put("a", "1").put("b", "2", BaggageEntryMetadata.create("ttl=60")).build();
    assertValueEqual(ours, theirs);
    assertValueEqual(ours.getEntry("b"), theirs.getEntry("b"));
    assertThat(ours.asMap()).isEqualTo(theirs.asMap());
  }
}
