package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.ObservaContext;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The W3C trace-context rules the propagator enforces, header by header. */
class TraceContextHeadersTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

  private final Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.builder().build())
      .build();

  @AfterEach
  void close() {
    obs.close();
  }

  private ObservaContext extract(Map<String, List<String>> headers) {
    return obs.extract(headers, Carriers.multiMap());
  }

  /** Starts a child of the extracted context and returns the tracestate it would send on. */
  private Map<String, String> forward(ObservaContext context) {
    Map<String, String> out = new HashMap<>();
    try (Scope scope = context.makeCurrent(); ActiveSpan span = obs.span("child").startActive()) {
      obs.inject(out, Carriers.mapSetter());
    }
    return out;
  }

  @Test
  void aValidTraceparentContinuesTheTraceWithANewParentId() {
    Map<String, String> out = forward(extract(Map.of("traceparent", List.of(PARENT))));
    assertThat(out.get("traceparent")).startsWith("00-" + TRACE_ID + "-").endsWith("-01")
        .doesNotContain("b7ad6b7169203331");
  }

  @Test
  void headerNamesAreCaseInsensitive() {
    assertThat(extract(Map.of("TraceParent", List.of(PARENT))).traceId()).isEqualTo(TRACE_ID);
  }

  @Test
  void aRepeatedTraceparentInvalidatesTheContext() {
    ObservaContext context = extract(Map.of("traceparent", List.of(PARENT, "00-" + "1".repeat(32) + "-b7ad6b7169203331-01")));
    assertThat(context.hasSpan()).isFalse();
  }

  @Test
  void aRepeatedIdenticalTraceparentAlsoInvalidatesIt() {
    assertThat(extract(Map.of("traceparent", List.of(PARENT, PARENT))).hasSpan()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {600, 1_000_000})
  void oversizedTraceparentIsIgnored(int size) {
    assertThat(extract(Map.of("traceparent", List.of(PARENT + "-" + "a".repeat(size)))).hasSpan()).isFalse();
  }

  @Test
  void aHigherVersionMayCarryExtraFields() {
    assertThat(extract(Map.of("traceparent", List.of("cc-" + TRACE_ID + "-b7ad6b7169203331-01-what-the-future-holds")))
        .traceId()).isEqualTo(TRACE_ID);
  }

  @Test
  void repeatedTracestateHeadersAreJoinedAndPropagated() {
    Map<String, String> out = forward(extract(Map.of("traceparent", List.of(PARENT),
        "tracestate", List.of("foo=1", " bar=2 ,, "))));
    assertThat(out.get("tracestate")).isEqualTo("foo=1,bar=2");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Foo=1",                       // upper case key
      "foo",                         // no value
      "foo=bar=baz",                 // '=' in value
      "foo=a\tb",                    // control character in value
      "-foo=1",                      // key starting with '-'
      "foo=1 ",                      // value ending with a space is trimmed as OWS; see below
  })
  void invalidTracestateIsDroppedButTheTraceparentKept(String tracestate) {
    ObservaContext context = extract(Map.of("traceparent", List.of(PARENT), "tracestate", List.of(tracestate)));
    assertThat(context.traceId()).isEqualTo(TRACE_ID);
    String sent = forward(context).get("tracestate");
    if (tracestate.equals("foo=1 ")) {
      assertThat(sent).isEqualTo("foo=1");
    } else {
      assertThat(sent).isNull();
    }
  }

  @Test
  void levelTwoKeysMayStartWithADigitAndHoldAtSigns() {
    Map<String, String> out = forward(extract(Map.of("traceparent", List.of(PARENT),
        "tracestate", List.of("1vendor=x,tenant@system=y,a*b/c_d-e=z"))));
    assertThat(out.get("tracestate")).isEqualTo("1vendor=x,tenant@system=y,a*b/c_d-e=z");
  }

  @ParameterizedTest
  @ValueSource(strings = {"@foo=1,bar=2", "foo=,bar=3", "foo.bar=1", "foo =1"})
  void malformedKeysOrValuesDiscardTheWholeTracestate(String tracestate) {
    assertThat(forward(extract(Map.of("traceparent", List.of(PARENT), "tracestate", List.of(tracestate))))
        .get("tracestate")).isNull();
  }

  @Test
  void everyAllowedValueCharacterIsKept() {
    StringBuilder value = new StringBuilder();
    for (char c = 0x20; c <= 0x7e; c++) {
      if (c != ',' && c != '=') {
        value.append(c);
      }
    }
    String member = "abcdefghijklmnopqrstuvwxyz0123456789_-*/@a-z0-9_-*/=" + value;
    assertThat(forward(extract(Map.of("traceparent", List.of(PARENT), "tracestate", List.of(member))))
        .get("tracestate")).isEqualTo(member);
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "\t", "\t "})
  void optionalWhiteSpaceAroundTheTraceparentIsAccepted(String ows) {
    String space = ows.replace("\\t", "\t");
    assertThat(extract(Map.of("traceparent", List.of(space + PARENT + space))).traceId()).isEqualTo(TRACE_ID);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "00-" + TRACE_ID + "-b7ad6b7169203331-01.",
      "00-" + TRACE_ID + "-b7ad6b7169203331-01-what-the-future-will-be-like",
      "cc-" + TRACE_ID + "-b7ad6b7169203331-01.what-the-future-will-be-like",
      ".0-" + TRACE_ID + "-b7ad6b7169203331-01",
      "000-" + TRACE_ID + "-b7ad6b7169203331-01",
      "0-" + TRACE_ID + "-b7ad6b7169203331-01",
      "00-" + TRACE_ID + "-b7ad6b7169203331-001",
      "00-" + TRACE_ID + "-b7ad6b7169203331-1",
      "00-" + TRACE_ID + "-.7ad6b7169203331-01"})
  void malformedTraceparentsStartANewTrace(String traceparent) {
    assertThat(extract(Map.of("traceparent", List.of(traceparent))).hasSpan()).isFalse();
  }

  @Test
  void emptyTracestateHeadersAreIgnoredAndOrderIsKept() {
    assertThat(forward(extract(Map.of("traceparent", List.of(PARENT), "tracestate", List.of(""))))
        .get("tracestate")).isNull();
    assertThat(forward(extract(Map.of("traceparent", List.of(PARENT),
        "tracestate", List.of("", "foo=1,bar=2", "rojo=1,congo=2", "baz=3")))).get("tracestate"))
        .isEqualTo("foo=1,bar=2,rojo=1,congo=2,baz=3");
  }

  @Test
  void thirtyTwoMembersPassAndThirtyThreeAreDropped() {
    StringBuilder members = new StringBuilder();
    for (int i = 0; i < 33; i++) {
      members.append(i == 0 ? "" : ",").append("k").append(i).append("=v");
    }
    String thirtyThree = members.toString();
    String thirtyTwo = thirtyThree.substring(0, thirtyThree.lastIndexOf(','));
    assertThat(forward(extract(Map.of("traceparent", List.of(PARENT), "tracestate", List.of(thirtyTwo))))
        .get("tracestate")).isEqualTo(thirtyTwo);
    assertThat(forward(extract(Map.of("traceparent", List.of(PARENT), "tracestate", List.of(thirtyThree))))
        .get("tracestate")).isNull();
  }

  @Test
  void aMegabyteTracestateIsIgnored() {
    ObservaContext context = extract(Map.of("traceparent", List.of(PARENT), "tracestate", List.of("k=" + "v".repeat(1 << 20))));
    assertThat(context.traceId()).isEqualTo(TRACE_ID);
    assertThat(forward(context).get("tracestate")).isNull();
  }
}
