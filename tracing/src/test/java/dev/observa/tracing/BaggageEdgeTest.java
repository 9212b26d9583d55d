package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import dev.observa.spi.TracingProvider;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Baggage at the edge: untrusted input, control characters, the tenant, and an application's own SDK. */
class BaggageEdgeTest {
  private static Observa observa(TracingProvider tracing, DeclaredKey... keys) {
    return Observa.builder().noDiscovery().declare(keys).tracing(tracing).build();
  }

  private static OtelTracing sdk() {
    return OtelTracing.builder().build();
  }

  private static Map<String, String> forward(Observa obs, Map<String, String> inbound) {
    ObservaContext context = obs.extract(inbound, Carriers.mapGetter());
    Map<String, String> out = new HashMap<>();
    try (Scope scope = context.makeCurrent()) {
      obs.inject(out, Carriers.mapSetter());
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"greeting=a%0D%0Ab", "greeting=a%0Ab", "greeting=%00", "greeting=%7F", "greeting=%C2%85",
      "greeting=%E2%80%A8", "greeting=ok;p=a\r\nb", "greeting=ok;p=\u0000", "greeting=ok;p=\"x\""})
  void controlCharactersNeverComeInThroughValuesOrProperties(String header) {
    try (Observa obs = observa(sdk(), DeclaredKey.builder("greeting").routes(Route.PROPAGATE).build())) {
      ObservaContext context = obs.extract(Map.of("baggage", header + ",other=1"), Carriers.mapGetter());
      assertThat(context.baggageValue("greeting")).isNull();
      assertThat(context.baggageValue("other")).isEqualTo("1");
    }
  }

  @Test
  void controlCharactersSetByTheApplicationAreNeverSent() {
    try (Observa obs = observa(sdk(), DeclaredKey.builder("greeting").routes(Route.PROPAGATE).build(),
        DeclaredKey.builder("note").routes(Route.PROPAGATE).build())) {
      Map<String, String> out = new HashMap<>();
      try (Scope scope = obs.context().withBaggage("greeting", "a\r\nInjected: 1").withBaggage("note", "ok", "p=1\r\nX: y")
          .makeCurrent()) {
        obs.inject(out, Carriers.mapSetter());
      }
      assertThat(out.get("baggage")).isEqualTo("note=ok");
    }
  }

  @Test
  void keysAndValuesAreLengthCapped() {
    try (Observa obs = observa(sdk())) {
      ObservaContext context = obs.extract(Map.of("baggage", "k" + "x".repeat(256) + "=1,v=" + "y".repeat(4097)
          + ",ok=" + "y".repeat(1000)), Carriers.mapGetter());
      assertThat(context.baggage()).containsOnlyKeys("ok");
    }
  }

  @Test
  void anInboundTenantMemberIsNotForwardedWhenTheTenantIsNotPropagated() {
    try (Observa obs = observa(sdk(), DeclaredKey.builder("greeting").routes(Route.PROPAGATE).build())) {
      ObservaContext context = obs.extract(Map.of("baggage", "tenant=evil,greeting=hi"), Carriers.mapGetter());
      assertThat(context.tenant()).isNull();
      assertThat(forward(obs, Map.of("baggage", "tenant=evil,greeting=hi"))).containsEntry("baggage", "greeting=hi");
    }
  }

  @Test
  void aPropagatedTenantIsTheContextsTenantBothWays() {
    DeclaredKey tenant = DeclaredKey.builder(DeclaredKeys.TENANT).routes(Route.PROPAGATE, Route.LOG).build();
    try (Observa obs = observa(sdk(), tenant)) {
      Map<String, String> out = new HashMap<>();
      try (Scope scope = obs.context().withTenant("acme").makeCurrent()) {
        obs.inject(out, Carriers.mapSetter());
      }
      assertThat(out).containsEntry("baggage", "tenant=acme");
      ObservaContext inbound = obs.extract(Map.of("baggage", "tenant=globex,x=1"), Carriers.mapGetter());
      assertThat(inbound.tenant()).isEqualTo("globex");
      assertThat(inbound.baggage()).containsOnlyKeys("x");
      Map<String, String> replaced = new HashMap<>();
      try (Scope scope = inbound.withTenant("acme").makeCurrent()) {
        obs.inject(replaced, Carriers.mapSetter());
      }
      assertThat(replaced).containsEntry("baggage", "tenant=acme");
      ObservaContext tooLong = obs.extract(Map.of("baggage", "tenant=" + "t".repeat(257)), Carriers.mapGetter());
      assertThat(tooLong.tenant()).isNull();
      assertThat(tooLong.baggage()).isEmpty();
    }
  }

  @Test
  void anApplicationsOwnPropagatorSendsOnlyDeclaredBaggage() {
    OpenTelemetry app = OpenTelemetry.propagating(ContextPropagators.create(TextMapPropagator.composite(
        W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())));
    DeclaredKeys keys = DeclaredKeys.of(java.util.List.of(DeclaredKey.builder("greeting").routes(Route.PROPAGATE).build()));
    try (Observa obs = observa(settings -> new dev.observa.tracing.internal.ExistingOpenTelemetryBackend(app,
        settings.declaredKeys()), keys.get("greeting"))) {
      assertThat(forward(obs, Map.of("baggage", "tenant=evil,greeting=hi,secret=s3cr3t")))
          .containsEntry("baggage", "greeting=hi");
      ObservaContext context = obs.extract(Map.of("baggage", "greeting=a%0D%0Ab,ok=1"), Carriers.mapGetter());
      assertThat(context.baggage()).containsOnlyKeys("ok");
    }
    try (Observa obs = observa(OtelTracing.using(app), keys.get("greeting"))) {
      assertThat(forward(obs, Map.of("baggage", "tenant=evil,secret=s3cr3t"))).doesNotContainKey("baggage");
    }
  }
}
