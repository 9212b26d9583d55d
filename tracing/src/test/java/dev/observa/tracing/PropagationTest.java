package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.DeclaredKey;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PropagationTest {
  private final Observa obs = Observa.builder().noDiscovery()
      .declare(DeclaredKey.builder("greeting").routes(Route.PROPAGATE, Route.LOG).build())
      .tracing(OtelTracing.create())
      .build();

  @AfterEach
  void close() {
    obs.close();
  }

  @Test
  void injectThenExtractMakesTheNextSpanAChildInTheSameTrace() {
    Map<String, String> headers = new HashMap<>();
    String traceId;
    String spanId;
    try (Scope baggage = obs.context().withBaggage("greeting", "Bonjour").makeCurrent();
         ActiveSpan client = obs.span("client").startActive()) {
      traceId = client.context().traceId();
      spanId = client.context().spanId();
      obs.inject(headers, Map::put);
    }
    // W3C Trace Context Level 2, 3.2.2.5.2: a new trace id that is random SHOULD carry the random flag (02),
    // so a sampled root span sends 03.
    assertThat(headers.get("traceparent")).isEqualTo("00-" + traceId + "-" + spanId + "-03");
    assertThat(headers.get("baggage")).isEqualTo("greeting=Bonjour");

    ObservaContext remote = obs.extract(headers, Carriers.mapGetter());
    assertThat(remote.traceId()).isEqualTo(traceId);
    assertThat(remote.baggageValue("greeting")).isEqualTo("Bonjour");
    try (Scope scope = remote.makeCurrent(); ActiveSpan server = obs.span("server").startActive()) {
      assertThat(server.context().traceId()).isEqualTo(traceId);
    }
    assertThat(obs.unwrap(RecentTraces.class).trace(traceId))
        .filteredOn(span -> span.getName().equals("server"))
        .singleElement()
        .satisfies(span -> assertThat(span.getParentSpanId()).isEqualTo(spanId));
  }

  @Test
  void undeclaredBaggageIsKeptInTheContextButNeverInjectedDownstream() {
    Map<String, String> inbound = Map.of("baggage", "greeting=Hi,user.secret=s3cr3t");
    ObservaContext context = obs.extract(inbound, Carriers.mapGetter());
    assertThat(context.baggageValue("user.secret")).isEqualTo("s3cr3t");
    Map<String, String> outbound = new HashMap<>();
    try (Scope scope = context.makeCurrent()) {
      obs.inject(outbound, Map::put);
    }
    assertThat(outbound.get("baggage")).isEqualTo("greeting=Hi");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      "00-00000000000000000000000000000000-b7ad6b7169203331-01",
      "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
      "00-0af7651916cd43dd8448eb211c80319-b7ad6b7169203331-01",
      "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01",
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0g",
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra",
      "00-0af7651916cd43dd8448eb211c80319\u0161-b7ad6b7169203331-01",
      "00-0af7651916cd43dd8448eb211c80319\u0130-b7ad6b7169203331-01",
      "00-0af7651916cd43dd8448eb211c80319:-b7ad6b7169203331-01",
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b716920333/-01",
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b716920333g-01",
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\uD83D\uDE00",
      "00-\uD83D\uDE00f7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      "garbage", ""})
  void malformedTraceparentIsIgnoredAndANewRootTraceStarts(String traceparent) {
    ObservaContext context = obs.extract(Map.of("traceparent", traceparent), Carriers.mapGetter());
    assertThat(context.hasSpan()).isFalse();
    try (Scope scope = context.makeCurrent(); ActiveSpan span = obs.span("fresh").startActive()) {
      assertThat(span.context().traceId()).isNotEqualTo("0af7651916cd43dd8448eb211c80319c").matches("[0-9a-f]{32}");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      " \t00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01 ",
      "cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-what-the-future-brings",
      "cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-\uD83D\uDE00 later fields"})
  void wellFormedTraceparentIsFollowed(String traceparent) {
    ObservaContext context = obs.extract(Map.of("traceparent", traceparent), Carriers.mapGetter());
    assertThat(context.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(context.spanId()).isEqualTo("b7ad6b7169203331");
    assertThat(context.isSampled()).isTrue();
  }

  @Test
  void aHugeBaggageHeaderIsIgnoredWholeAndTheTraceIsKept() {
    ObservaContext context = obs.extract(Map.of("baggage", "greeting=Hi,k=" + "v".repeat(1_000_000),
        "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), Carriers.mapGetter());
    assertThat(context.baggage()).isEmpty();
    assertThat(context.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
  }

  @Test
  void aMemberBeyondEightKilobytesIsDroppedWithWhatFollowsAndWhatPrecedesIsKept() {
    ObservaContext context = obs.extract(Map.of("baggage", "greeting=Hi,k=" + "v".repeat(10_000) + ",late=1"),
        Carriers.mapGetter());
    assertThat(context.baggage()).containsExactly(Map.entry("greeting", "Hi"));
  }
}
