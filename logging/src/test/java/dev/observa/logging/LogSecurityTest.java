package dev.observa.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.Observa;
import dev.observa.context.DeclaredKey;
import dev.observa.context.Route;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** What a hostile client or a careless caller can put into a log line, and what comes out. */
class LogSecurityTest {
  /** Fails on a repeated member name: a spoofed field would be a second {@code trace_id}. */
  private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final LoggerContext logback = new LoggerContext();

  LogSecurityTest() {
    logback.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
  }

  private JsonNode encode(String preset, LoggingEvent event) throws Exception {
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    encoder.setContext(logback);
    encoder.setPreset(preset);
    encoder.start();
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
    assertThat(line).endsWith("\n").doesNotContain("\r");
    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    return STRICT.readTree(line);
  }

  private LoggingEvent event(String message, Throwable error) {
    return new LoggingEvent("fqcn", logback.getLogger("t"), Level.WARN, message, error, null);
  }

  @Test
  void secretKeysInEveryCommonSpellingAreRedactedInFieldsAndMdc() throws Exception {
    LoggingEvent event = event("login", null);
    for (String key : new String[] {"access_token", "refresh_token", "client_secret", "clientSecret", "db.password"}) {
      event.addKeyValuePair(new KeyValuePair(key, "s3cr3t-" + key));
    }
    event.setMDCPropertyMap(Map.of("newPassword", "p", "x-api-key", "k", "Proxy-Authorization", "Basic x",
        "session_id", "sid", "author", "Ada"));
    JsonNode line = encode("otel", event);
    for (String key : new String[] {"access_token", "refresh_token", "client_secret", "clientSecret", "db.password",
        "newPassword", "x-api-key", "Proxy-Authorization", "session_id"}) {
      assertThat(line.path(key).asText()).as(key).isEqualTo("[REDACTED]");
    }
    assertThat(line.path("author").asText()).isEqualTo("Ada");
    assertThat(line.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void secretsInsideStructuredKeyValuesAreRedactedAsTopLevelValuesAre() throws Exception {
    LoggingEvent event = event("login", null);
    Map<String, Object> credentials = new LinkedHashMap<>();
    credentials.put("user", "ada");
    credentials.put("password", "hunter2");
    credentials.put("pin", 1234L);
    credentials.put("api_key", java.util.List.of("k-1", "k-2"));
    credentials.put("note", "token=abc123 for Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln");
    event.addKeyValuePair(new KeyValuePair("login", Map.of("account", credentials)));
    event.addKeyValuePair(new KeyValuePair("retries", java.util.List.of("client_secret=s3cret", 3L)));
    event.addKeyValuePair(new KeyValuePair("request", new Object() {
      @Override
      public String toString() {
        return "Request[password=swordfish, card 4111 1111 1111 1111]";
      }
    }));
    JsonNode line = encode("otel", event);
    JsonNode nested = line.path("login").path("account");
    assertThat(nested.path("user").asText()).isEqualTo("ada");
    assertThat(nested.path("password").asText()).isEqualTo("[REDACTED]");
    assertThat(nested.path("api_key").asText()).isEqualTo("[REDACTED]"); // a secret key hides a value of any type
    assertThat(nested.path("pin").isIntegralNumber()).isTrue(); // "pin" is no secret word: numbers stay numbers
    assertThat(nested.path("note").asText()).isEqualTo("token=[REDACTED] for Bearer [REDACTED]");
    assertThat(line.path("retries").get(0).asText()).isEqualTo("client_secret=[REDACTED]");
    assertThat(line.path("retries").get(1).asLong()).isEqualTo(3L);
    assertThat(line.path("request").asText()).isEqualTo("Request[password=[REDACTED], card [REDACTED]]");
    assertThat(line.toString()).doesNotContain("hunter2", "k-1", "abc123", "eyJ", "s3cret", "swordfish", "4111");
  }

  @Test
  void bearerTokensAndCardNumbersInMessagesAndExceptionTextsAreRedacted() throws Exception {
    Exception error = new IllegalStateException("charge of 4111 1111 1111 1111 failed",
        new RuntimeException("upstream said: Authorization: Bearer abc.DEF-123456"));
    LoggingEvent event = event("retrying with Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", error);
    event.addKeyValuePair(new KeyValuePair("note", "card 5555555555554444"));
    JsonNode line = encode("otel", event);
    assertThat(line.path("body").asText()).isEqualTo("retrying with Bearer [REDACTED]");
    assertThat(line.path("exception.message").asText()).isEqualTo("charge of [REDACTED] failed");
    assertThat(line.path("exception.stacktrace").asText()).contains("Authorization: Bearer [REDACTED]")
        .doesNotContain("4111", "abc.DEF");
    assertThat(line.path("note").asText()).isEqualTo("card [REDACTED]");
  }

  @Test
  void fieldsAndMdcKeysNamedLikeTheEncodersOwnCannotSpoofThem() throws Exception {
    Span span = Span.wrap(SpanContext.create(TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(),
        TraceState.getDefault()));
    LoggingEvent event = event("real message", null);
    for (String key : new String[] {"trace_id", "span_id", "severity_text", "body", "timestamp", "service.name"}) {
      event.addKeyValuePair(new KeyValuePair(key, "spoofed"));
    }
    Map<String, String> mdc = new LinkedHashMap<>();
    mdc.put("trace_flags", "00");
    mdc.put("scope.name", "spoofed");
    event.setMDCPropertyMap(mdc);
    JsonNode line;
    try (Scope scope = span.makeCurrent()) {
      line = encode("otel", event); // STRICT rejects any repeated member name
    }
    assertThat(line.path("trace_id").asText()).isEqualTo(TRACE_ID);
    assertThat(line.path("severity_text").asText()).isEqualTo("WARN");
    assertThat(line.path("body").asText()).isEqualTo("real message");
    assertThat(line.path("trace_flags").asText()).isEqualTo("01");
    assertThat(line.path("_trace_id").asText()).isEqualTo("spoofed");
    assertThat(line.path("_scope.name").asText()).isEqualTo("spoofed");
  }

  @Test
  void ecsKeysThatWouldShadowOrExtendTheEncodersOwnAreRenamed() throws Exception {
    LoggingEvent event = event("m", null);
    event.addKeyValuePair(new KeyValuePair("trace.id", "spoofed"));
    event.addKeyValuePair(new KeyValuePair("trace", "object-conflict"));
    event.addKeyValuePair(new KeyValuePair("log.level.x", "conflict"));
    event.addKeyValuePair(new KeyValuePair("trace.custom", "fine"));
    JsonNode line = encode("ecs", event);
    assertThat(line.has("trace.id")).isFalse();
    assertThat(line.path("_trace.id").asText()).isEqualTo("spoofed");
    assertThat(line.path("_trace").asText()).isEqualTo("object-conflict");
    assertThat(line.path("_log.level.x").asText()).isEqualTo("conflict");
    assertThat(line.path("trace.custom").asText()).isEqualTo("fine");
  }

  @Test
  void hugeFieldAndMdcKeysAreCutSoALineStaysSmall() throws Exception {
    String hugeKey = "k".repeat(1_000_000);
    LoggingEvent event = event("m", null);
    event.addKeyValuePair(new KeyValuePair(hugeKey, "v"));
    event.setMDCPropertyMap(Map.of("m" + hugeKey, "v"));
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    encoder.setContext(logback);
    encoder.start();
    byte[] line = encoder.encode(event);
    assertThat(line.length).isLessThan(2_000);
    JsonNode json = STRICT.readTree(line);
    assertThat(json.path("k".repeat(128) + "…").asText()).isEqualTo("v");
  }

  @Test
  void declaredBaggageWithASecretKeyIsRedactedInLogsThroughTheOneAccessor() throws Exception {
    Observa obs = Observa.builder().noDiscovery()
        .declare(DeclaredKey.builder("session_id").routes(Route.LOG, Route.PROPAGATE).build(),
            DeclaredKey.builder("greeting").routes(Route.LOG).build())
        .buildAndSetGlobal();
    try (Scope scope = obs.context().withBaggage("session_id", "abc").withBaggage("greeting", "Bonjour")
        .withTenant("acme").makeCurrent()) {
      JsonNode line = encode("otel", event("m", null));
      assertThat(line.path("baggage").path("session_id").asText()).isEqualTo("[REDACTED]");
      assertThat(line.path("baggage").path("greeting").asText()).isEqualTo("Bonjour");
      assertThat(line.path("tenant").asText()).isEqualTo("acme");
    } finally {
      obs.close();
    }
  }
}
