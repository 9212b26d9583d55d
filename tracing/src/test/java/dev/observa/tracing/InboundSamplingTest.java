package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.ObservaContext;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Edge sampling: how far a caller's {@code sampled} flag is trusted, in each mode and each spelling. */
@Timeout(60)
class InboundSamplingTest {
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String SAMPLED = "00-" + TRACE_ID + "-b7ad6b7169203331-01";
  private static final String SAMPLED_RANDOM = "00-" + TRACE_ID + "-b7ad6b7169203331-03";
  private static final String UNSAMPLED = "00-" + TRACE_ID + "-b7ad6b7169203331-00";

  private static Observa observa(OtelTracing tracing) {
    return Observa.builder().noDiscovery().tracing(tracing).build();
  }

  /** @return the traceparent the server span would send downstream */
  private static String forward(Observa obs, String traceparent, boolean trusted) {
    ObservaContext remote = obs.extract(Map.of("traceparent", traceparent), Carriers.mapGetter());
    Map<String, String> out = new HashMap<>();
    try (Scope scope = remote.makeCurrent();
        Scope trust = trusted ? InboundSampling.trustedCaller(Context.current()).makeCurrent() : Scope.noop();
        ActiveSpan span = obs.span("server").startActive()) {
      obs.inject(out, Carriers.mapSetter());
    }
    return out.get("traceparent");
  }

  /** @return the traceparent the server span would send downstream, the caller connecting from {@code peer} */
  private static String forwardFrom(Observa obs, String traceparent, String peer) {
    ObservaContext remote = obs.extract(Map.of("traceparent", traceparent), Carriers.mapGetter(), peer);
    Map<String, String> out = new HashMap<>();
    try (Scope scope = remote.makeCurrent(); ActiveSpan span = obs.span("server").startActive()) {
      obs.inject(out, Carriers.mapSetter());
    }
    return out.get("traceparent");
  }

  @Test
  void untrustedCallersCannotForceSamplingBeyondTheRateLimit() {
    // W3C Trace Context: "vendors MAY ignore the sampled flag" of untrusted sources; at most 5 traces per second
    try (Observa obs = observa(OtelTracing.builder().inboundSampling(InboundSampling.rateLimit(5))
        .inboundTrustedCallers("10.0.0.0/8").build())) {
      long start = System.nanoTime();
      int sampled = 0;
      for (int i = 0; i < 200; i++) {
        sampled += forwardFrom(obs, SAMPLED, "203.0.113.9").endsWith("-01") ? 1 : 0;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(sampled).as("a burst of 5, then 5 per second").isBetween(1, 5 + (int) Math.ceil(5 * seconds));
    }
  }

  @Test
  void trustedCallersSampledFlagIsHonouredEveryTime() {
    try (Observa obs = observa(OtelTracing.builder().inboundSampling(InboundSampling.rateLimit(0.001))
        .inboundTrustedCallers("10.0.0.0/8", "fd00::/8", "192.0.2.7").build())) {
      for (int i = 0; i < 20; i++) {
        assertThat(forwardFrom(obs, SAMPLED, "10.1.2.3")).endsWith("-01");
      }
      assertThat(forwardFrom(obs, SAMPLED, "::ffff:10.200.0.1")).as("IPv4-mapped IPv6").endsWith("-01");
      assertThat(forwardFrom(obs, SAMPLED, "fd12:3456::1")).endsWith("-01");
      assertThat(forwardFrom(obs, SAMPLED, "192.0.2.7")).endsWith("-01");
      assertThat(forwardFrom(obs, UNSAMPLED, "10.1.2.3")).as("a trusted caller's unsampled flag too").endsWith("-00");
    }
  }

  @Test
  void peersOutsideTheTrustedNetworksAndNonAddressesAreHeldToThePolicy() {
    try (Observa obs = observa(OtelTracing.builder().inboundSampling(InboundSampling.ratio(0))
        .inboundTrustedCallers("10.0.0.0/8").build())) {
      for (String peer : new String[] {"11.0.0.1", "192.0.2.7", "::1", "localhost", "10.example.com", "", null}) {
        assertThat(forwardFrom(obs, SAMPLED, peer)).as("peer %s", peer).endsWith("-00");
      }
      // a context marked trusted before extraction does not make an untrusted caller trusted
      try (Scope outer = InboundSampling.trustedCaller(Context.current()).makeCurrent()) {
        assertThat(forwardFrom(obs, SAMPLED, "11.0.0.1")).endsWith("-00");
      }
    }
  }

  @Test
  void noCallerIsTrustedByDefault() {
    try (Observa obs = observa(OtelTracing.builder().inboundSampling(InboundSampling.ratio(0)).build())) {
      assertThat(forwardFrom(obs, SAMPLED, "127.0.0.1")).endsWith("-00");
      assertThat(forwardFrom(obs, SAMPLED, "10.1.2.3")).endsWith("-00");
    }
  }

  @Test
  void trustedCallersAreGivenInTheObservaPropertiesSpellingAndCheckedThere() {
    try (Observa obs = observa(OtelTracing.builder().properties(Map.of("observa.tracing.inbound-sampling", "ratio",
        "observa.tracing.inbound-sampling-arg", "0", "observa.tracing.inbound-trusted-callers", "10.0.0.0/8, 127.0.0.1"))
        .build())) {
      assertThat(forwardFrom(obs, SAMPLED, "127.0.0.1")).endsWith("-01");
      assertThat(forwardFrom(obs, SAMPLED, "10.9.9.9")).endsWith("-01");
      assertThat(forwardFrom(obs, SAMPLED, "127.0.0.2")).endsWith("-00");
    }
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder()
        .properties(Map.of("observa.tracing.inbound-trusted-callers", "gateway.internal")))
        .withMessageContaining("observa.tracing.inbound-trusted-callers").withMessageContaining("gateway.internal");
    for (String bad : new String[] {"10.0.0.0/33", "300.1.1.1", "10.0.0.0/x", "fd00::/129", "10.0.0.0/8,"}) {
      assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder().inboundTrustedCallers(bad))
          .withMessageContaining(bad);
    }
  }

  @Test
  void trustHonoursEveryCallersFlag() {
    try (Observa obs = observa(OtelTracing.builder().inboundSampling(InboundSampling.trust()).build())) {
      assertThat(forward(obs, SAMPLED, false)).endsWith("-01");
      assertThat(forward(obs, UNSAMPLED, false)).endsWith("-00");
    }
  }

  @Test
  void ratioZeroIgnoresAnUntrustedSampledFlagButHonoursATrustedOne() {
    try (Observa obs = observa(OtelTracing.builder().inboundSampling(InboundSampling.ratio(0)).build())) {
      assertThat(forward(obs, SAMPLED, false)).startsWith("00-" + TRACE_ID).endsWith("-00");
      assertThat(forward(obs, SAMPLED, true)).endsWith("-01");
      try (ActiveSpan root = obs.span("root").startActive()) {
        assertThat(root.context().isSampled()).as("roots follow the configured sampler").isTrue();
      }
    }
  }

  @Test
  void ratioOneKeepsEverySampledTraceAndNeverRaisesAnUnsampledOne() {
    try (Observa obs = observa(OtelTracing.builder().inboundSampling(InboundSampling.ratio(1)).build())) {
      assertThat(forward(obs, SAMPLED, false)).endsWith("-01");
      assertThat(forward(obs, UNSAMPLED, false)).endsWith("-00");
    }
  }

  @Test
  void rateLimitHonoursUntrustedSampledFlagsOnlyUpToItsBudget() {
    // one trace per 1000 s: the first request is within the budget, the next ones are not
    try (Observa obs = observa(OtelTracing.builder().inboundSampling(InboundSampling.rateLimit(0.001)).build())) {
      assertThat(forward(obs, SAMPLED, false)).endsWith("-01");
      assertThat(forward(obs, SAMPLED, false)).endsWith("-00");
      assertThat(forward(obs, SAMPLED, false)).endsWith("-00");
      assertThat(forward(obs, SAMPLED, true)).as("trusted callers are not limited").endsWith("-01");
    }
  }

  @Test
  void theW3cRandomFlagSurvivesEveryDecision() {
    // W3C Trace Context Level 2: "the random trace-id flag ... SHOULD be propagated" to the child
    try (Observa obs = observa(OtelTracing.builder().inboundSampling(InboundSampling.rateLimit(0.001)).build())) {
      assertThat(forward(obs, SAMPLED_RANDOM, false)).endsWith("-03");
      assertThat(forward(obs, SAMPLED_RANDOM, false)).endsWith("-02");
    }
  }

  @Test
  void theObservaPropertiesSpellingSelectsTheSameModes() {
    try (Observa obs = observa(OtelTracing.builder().properties(Map.of("observa.tracing.inbound-sampling", "ratio",
        "observa.tracing.inbound-sampling-arg", "0")).build())) {
      assertThat(forward(obs, SAMPLED, false)).endsWith("-00");
    }
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder()
        .properties(Map.of("observa.tracing.inbound-sampling", "ratio", "observa.tracing.inbound-sampling-arg", "2"))
        .build()).withMessageContaining("observa.tracing.inbound-sampling-arg").withMessageContaining("[0, 1]");
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder()
        .properties(Map.of("observa.tracing.inbound-sampling", "sometimes")))
        .withMessageContaining("trust, ratio, rate-limit");
  }

  @Test
  void theOtelSamplerSpellingSelectsTheSameModes() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.traces.sampler", "observa_inbound_rate_limit",
        "otel.traces.sampler.arg", "0.001");
        Observa obs = observa(OtelTracing.create())) {
      assertThat(forward(obs, SAMPLED, false)).endsWith("-01");
      assertThat(forward(obs, SAMPLED, false)).endsWith("-00");
    }
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.traces.sampler", "observa_inbound_ratio",
        "otel.traces.sampler.arg", "0");
        Observa obs = observa(OtelTracing.create())) {
      assertThat(forward(obs, SAMPLED, false)).endsWith("-00");
      assertThat(forward(obs, SAMPLED, true)).endsWith("-01");
    }
  }
}
