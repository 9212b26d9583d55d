package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.ObservaContext;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * W3C Trace Context Level 2 (https://www.w3.org/TR/trace-context-2/), rule by rule; each row names the
 * sentence of the specification it comes from. Where the conformance suite once tested the Level 1
 * tenant/vendor key split (w3c/trace-context#583, fixed by #584), the specification wins.
 */
class TraceContextLevel2Test {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String PARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-";

  private final Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.builder().build())
      .build();

  @AfterEach
  void close() {
    obs.close();
  }

  /** Extracts, starts a child span and returns what the child sends on. */
  private Map<String, String> forward(String flags, String... tracestate) {
    ObservaContext context = obs.extract(Map.of("traceparent", List.of(PARENT + flags), "tracestate", List.of(tracestate)),
        Carriers.multiMap());
    Map<String, String> out = new HashMap<>();
    try (Scope scope = context.makeCurrent(); ActiveSpan span = obs.span("child").startActive()) {
      obs.inject(out, Carriers.mapSetter());
    }
    return out;
  }

  static Stream<Arguments> tracestates() {
    String z256 = "z".repeat(256);
    String big = "v".repeat(200);
    String members28 = String.join(",", java.util.stream.IntStream.range(0, 28).mapToObj(i -> "k" + i + "=" + "x".repeat(20))
        .toList());
    return Stream.of(
        // 3.3.1.3.1 Key: key = ( lcalpha / DIGIT ) 0*255 ( keychar ); keychar = lcalpha / DIGIT / "_" / "-"/ "*" / "/" / "@"
        Arguments.of("'@' is an ordinary key character after the first", "foo@=1,bar=2", "foo@=1,bar=2"),
        Arguments.of("two '@' in a row", "foo@@bar=1,bar=2", "foo@@bar=1,bar=2"),
        Arguments.of("two '@' apart", "foo@bar@baz=1,bar=2", "foo@bar@baz=1,bar=2"),
        Arguments.of("a 242-character part before '@'", "foo=1," + "t".repeat(242) + "@v=1", "foo=1," + "t".repeat(242) + "@v=1"),
        Arguments.of("15 characters after '@'", "foo=1,t@" + "v".repeat(15) + "=1", "foo=1,t@" + "v".repeat(15) + "=1"),
        Arguments.of("a key may start with a digit", "1vendor=x", "1vendor=x"),
        // "A key MUST begin with a lowercase letter or a digit"
        Arguments.of("'@' may not come first: the whole header is dropped", "@foo=1,bar=2", null),
        // "... and contain up to 256 characters"
        Arguments.of("a key of 256 characters", "foo=1," + z256 + "=1", "foo=1," + z256 + "=1"),
        Arguments.of("a key of 257 characters drops the header", "foo=1," + z256 + "z=1", null),
        Arguments.of("an upper-case key drops the header", "FOO=1", null),
        // 3.3.1.3.2 Value: value = 0*255(chr) nblk-chr (so at least one character)
        Arguments.of("an empty value drops the header", "foo=,bar=3", null),
        Arguments.of("'=' in a value drops the header", "foo=bar=baz", null),
        // "There can be a maximum of 32 list-members in a list."
        Arguments.of("33 members drop the header", members(33), null),
        // "Empty and whitespace-only list members are allowed."
        Arguments.of("empty members do not count", members(32) + ", ,\t,", members(32)),
        // Mutating: "Adding a key/value pair MUST NOT result in the same key being present multiple times."; a
        // receiver may discard the duplicates another participant sent: the left-most, most recent entry is kept
        Arguments.of("a duplicated key keeps its first entry", "foo=1,foo=2", "foo=1"),
        Arguments.of("an identical duplicate is kept once", "foo=1,bar=2,foo=1", "foo=1,bar=2"),
        // tracestate Limits: "Vendors SHOULD propagate at least 512 characters of a combined header." and "the
        // vendor MUST truncate whole entries. Entries larger than 128 characters long SHOULD be removed first.
        // Then entries SHOULD be removed starting from the end of tracestate."
        Arguments.of("a long entry goes first", "a=1,big=" + big + ",b=2," + members28, null),
        Arguments.of("then entries from the end", members28 + "," + "last=" + "y".repeat(100), null));
  }

  private static String members(int count) {
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      out.append(i == 1 ? "" : ",").append("bar").append(i).append('=').append(i);
    }
    return out.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tracestates")
  void tracestateFollowsTheLevelTwoText(String rule, String inbound, String expected) {
    String sent = forward("01", inbound).get("tracestate");
    if (rule.startsWith("a long entry") || rule.startsWith("then entries")) {
      assertThat(sent).hasSizeLessThanOrEqualTo(512).doesNotContain("big=").doesNotContain("last=")
          .startsWith(rule.startsWith("a long") ? "a=1,b=2,k0=" : "k0=");
      assertThat(sent.split(",")).allSatisfy(member -> assertThat(member).matches("[a-z0-9]+=[xy0-9]+"));
    } else {
      assertThat(sent).as(rule).isEqualTo(expected);
    }
  }

  @Test
  void aPassedThroughParentKeepsItsWholeTracestate() {
    // Mutating the traceparent Field: "If the value of the traceparent field wasn't changed before
    // propagation, tracestate MUST NOT be modified as well."; a new span's state is kept within 512 characters
    String members = String.join(",", java.util.stream.IntStream.range(0, 30).mapToObj(i -> "k" + i + "=" + "x".repeat(40))
        .toList());
    ObservaContext context = obs.extract(Map.of("traceparent", PARENT + "01", "tracestate", " " + members + " ,"),
        Carriers.mapGetter());
    Map<String, String> out = new HashMap<>();
    try (Scope scope = context.makeCurrent()) {
      obs.inject(out, Carriers.mapSetter());
    }
    assertThat(out).containsEntry("traceparent", PARENT + "01").containsEntry("tracestate", members);
    assertThat(forward("01", members).get("tracestate")).hasSizeLessThanOrEqualTo(512).startsWith("k0=");
  }

  @Test
  void theChildKeepsTheRandomFlagOfItsParent() {
    // 3.2.2.5.2 "If the random-trace-id flag is set, at least the right-most 7 bytes of the trace-id MUST be
    // randomly (or pseudo-randomly) generated": the trace id is the parent's, so its children say so too
    assertThat(forward("03").get("traceparent")).startsWith("00-" + TRACE_ID + "-").endsWith("-03");
    assertThat(forward("02").get("traceparent")).startsWith("00-" + TRACE_ID + "-").endsWith("-02");
    assertThat(forward("01").get("traceparent")).endsWith("-01");
  }

  @Test
  void aNewRootTraceCarriesTheRandomFlag() {
    Map<String, String> out = new HashMap<>();
    try (ActiveSpan root = obs.span("root").startActive()) {
      assertThat(root.context().spanContext().getTraceFlags().isTraceIdRandom()).isTrue();
      obs.inject(out, Carriers.mapSetter());
    }
    assertThat(out.get("traceparent")).endsWith("-03");
  }

  @Test
  void undefinedFlagsAreSentAsZeroEvenWhenPassedThrough() {
    // 3.2.2.5.3 Other Flags: "The behavior of other flags ... is not defined and is reserved for future use.
    // Vendors MUST set those to zero."
    ObservaContext context = obs.extract(Map.of("traceparent", PARENT + "ff"), Carriers.mapGetter());
    assertThat(context.spanContext().getTraceFlags()).isEqualTo(TraceFlags.fromByte((byte) 0xff));
    Map<String, String> out = new HashMap<>();
    try (Scope scope = context.makeCurrent()) {
      obs.inject(out, Carriers.mapSetter()); // no span of our own: the parent's ids go on unchanged
    }
    assertThat(out.get("traceparent")).isEqualTo(PARENT + "03");
    assertThat(forward("fd").get("traceparent")).endsWith("-01");
  }
}
