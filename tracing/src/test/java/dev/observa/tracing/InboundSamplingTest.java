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
