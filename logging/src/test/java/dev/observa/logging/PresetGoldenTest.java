package dev.observa.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.observa.Observa;
import dev.observa.context.DeclaredKey;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** One fixed event inside a fixed context, encoded with each preset and compared byte for byte. */
class PresetGoldenTest {
  private final Observa obs = Observa.builder().noDiscovery().serviceName("checkout")
      .declare(DeclaredKey.builder("greeting").routes(Route.LOG).build())
      .buildAndSetGlobal();
  private final LoggerContext logback = new LoggerContext();

  @AfterEach
  void close() {
    obs.close();
  }

  private String encode(String preset) {
    logback.setMDCAdapter(new LogbackMDCAdapter());
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    encoder.setContext(logback);
    encoder.setPreset(preset);
    encoder.start();
    LoggingEvent event = new LoggingEvent("fqcn", logback.getLogger("my-app"), Level.INFO, "hello", null, null);
    event.setThreadName("main");
    event.setInstant(Instant.parse("2026-11-24T05:20:00.123456789Z"));
    event.addKeyValuePair(new KeyValuePair("attempt", 3L));
    SpanContext span = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getSampled(), TraceState.getDefault());
    ObservaContext context = ObservaContext.from(Context.root().with(Span.wrap(span)))
        .withBaggage("greeting", "Bonjour").withBaggage("undeclared", "x").withTenant("acme");
    return new String(encoder.encode(new ContextualLoggingEvent(event, context)), StandardCharsets.UTF_8);
  }

  @Test
  void otelPresetUsesTheOpenTelemetryLogDataModelNames() {
    assertThat(encode("otel")).isEqualTo("{\"timestamp\":\"2026-11-24T05:20:00.123456Z\",\"severity_text\":\"INFO\","
        + "\"body\":\"hello\",\"scope.name\":\"my-app\",\"thread.name\":\"main\",\"service.name\":\"checkout\","
        + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\",\"trace_flags\":\"01\","
        + "\"tenant\":\"acme\",\"baggage\":{\"greeting\":\"Bonjour\"},\"attempt\":3}\n");
  }

  @Test
  void ecsPresetUsesElasticCommonSchemaNames() {
    assertThat(encode("ECS")).isEqualTo("{\"@timestamp\":\"2026-11-24T05:20:00.123456Z\",\"log.level\":\"INFO\","
        + "\"message\":\"hello\",\"log.logger\":\"my-app\",\"process.thread.name\":\"main\","
        + "\"service.name\":\"checkout\",\"ecs.version\":\"8.11.0\",\"trace.id\":\"4bf92f3577b34da6a3ce929d0e0e4736\","
        + "\"span.id\":\"00f067aa0ba902b7\",\"organization.id\":\"acme\",\"labels\":{\"greeting\":\"Bonjour\"},"
        + "\"attempt\":3}\n");
  }

  @Test
  void unknownPresetIsRejectedNamingTheChoices() {
    assertThatIllegalArgumentException().isThrownBy(() -> new JsonLinesEncoder().setPreset("gelf"))
        .withMessageContaining("'gelf'").withMessageContaining("otel or ecs");
  }
}
