package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.ObservaContext;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PropagatorChoiceTest {

  @ParameterizedTest
  @CsvSource({
      "tracecontext, traceparent",
      "b3, b3",
      "b3multi, X-B3-TraceId",
      "jaeger, uber-trace-id"})
  void eachPropagatorRoundTripsTheTrace(String propagator, String header) {
    try (Observa obs = Observa.builder().noDiscovery()
        .tracing(OtelTracing.builder().propagators(propagator).build()).build()) {
      Map<String, String> headers = new HashMap<>();
      String traceId;
      try (ActiveSpan span = obs.span("client").startActive()) {
        traceId = span.context().traceId();
        obs.inject(headers, Carriers.mapSetter());
      }
      assertThat(headers).containsKey(header);
      ObservaContext remote = obs.extract(headers, Carriers.mapGetter());
      try (Scope scope = remote.makeCurrent(); ActiveSpan server = obs.span("server").startActive()) {
        assertThat(server.context().traceId()).isEqualTo(traceId);
      }
    }
  }

  @Test
  void defaultPropagatorsWriteAndReadEachHeaderOnce() {
    try (Observa obs = Observa.builder().noDiscovery()
        .declare(dev.observa.context.DeclaredKey.builder("greeting").routes(dev.observa.context.Route.PROPAGATE).build())
        .tracing(OtelTracing.builder().build()).build()) {
      Map<String, Integer> writes = new HashMap<>();
      Map<String, Integer> reads = new HashMap<>();
      Map<String, String> headers = new HashMap<>();
      try (ActiveSpan span = obs.span("client").startActive();
          Scope baggage = io.opentelemetry.api.baggage.Baggage.current().toBuilder().put("greeting", "hi").build()
              .makeCurrent()) {
        obs.propagator().inject(io.opentelemetry.context.Context.current(), headers, (carrier, key, value) -> {
          writes.merge(key, 1, Integer::sum);
          carrier.put(key, value);
        });
      }
      obs.propagator().extract(io.opentelemetry.context.Context.root(), headers,
          new io.opentelemetry.context.propagation.TextMapGetter<Map<String, String>>() {
            @Override
            public Iterable<String> keys(Map<String, String> carrier) {
              return carrier.keySet();
            }

            @Override
            public String get(Map<String, String> carrier, String key) {
              reads.merge(key, 1, Integer::sum);
              return carrier.get(key);
            }
          });
      // OTEL_PROPAGATORS=tracecontext,baggage: one propagator per header, so one write and one read each
      assertThat(writes).containsExactlyInAnyOrderEntriesOf(Map.of("traceparent", 1, "baggage", 1));
      assertThat(reads).containsEntry("traceparent", 1).containsEntry("baggage", 1);
    }
  }

  @Test
  void otelPropagatorsEnvironmentVariableSelectsAComposite() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.propagators", "tracecontext, b3multi");
        Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.builder().build()).build()) {
      Map<String, String> headers = new HashMap<>();
      try (ActiveSpan span = obs.span("client").startActive()) {
        obs.inject(headers, Carriers.mapSetter());
      }
      assertThat(headers).containsKeys("traceparent", "X-B3-TraceId").doesNotContainKey("baggage");
    }
  }

  @Test
  void anExplicitBuilderSettingWinsOverTheEnvironment() {
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.propagators", "b3");
        Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.builder().propagators("jaeger").build())
            .build()) {
      Map<String, String> headers = new HashMap<>();
      try (ActiveSpan span = obs.span("client").startActive()) {
        obs.inject(headers, Carriers.mapSetter());
      }
      assertThat(headers).containsKey("uber-trace-id").doesNotContainKey("b3");
    }
  }

  @Test
  void unknownNamesAreRejectedNamingTheChoices() {
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder().propagators("xray"))
        .withMessageContaining("'xray'").withMessageContaining("b3multi");
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder().exporters("jaeger-thrift"))
        .withMessageContaining("'jaeger-thrift'").withMessageContaining("otlp");
    try (OtelSystemProperties env = OtelSystemProperties.set("otel.propagators", "xray")) {
      assertThatIllegalArgumentException().isThrownBy(() -> Observa.builder().noDiscovery()
          .tracing(OtelTracing.builder().build()).build()).withMessageContaining("xray");
    }
  }
}
