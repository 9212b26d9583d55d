package dev.observa.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.event.KeyValuePair;

class EncoderOptionsTest {
  private final LoggerContext logback = new LoggerContext();

  private JsonNode encode(JsonLinesEncoder encoder, LoggingEvent event) throws Exception {
    encoder.setContext(logback);
    encoder.start();
    return CapturedLines.JSON.readTree(new String(encoder.encode(event), StandardCharsets.UTF_8));
  }

  private LoggingEvent event(String message, Throwable error) {
    logback.setMDCAdapter(new LogbackMDCAdapter());
    return new LoggingEvent("fqcn", logback.getLogger("t"), Level.WARN, message, error, null);
  }

  @Test
  void bearerTokensInTheMessageAreRedactedWithoutAnyConfiguration() throws Exception {
    JsonNode line = encode(new JsonLinesEncoder(),
        event("calling with Authorization: Bearer eyJhbGciOi.abc-123= now", null));
    assertThat(line.path("body").asText()).isEqualTo("calling with Authorization: Bearer [REDACTED] now");
  }

  @Test
  void encoderRedactionSettingsAddToTheGlobalPolicy() throws Exception {
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    encoder.setRedactionKeys("card_number, cvv");
    encoder.addRedactionPattern("order-secret-[0-9]+");
    LoggingEvent event = event("pay order-secret-42", null);
    event.addKeyValuePair(new KeyValuePair("CVV", "123"));
    event.addKeyValuePair(new KeyValuePair("password", "hunter2"));
    JsonNode line = encode(encoder, event);
    assertThat(line.path("CVV").asText()).isEqualTo("[REDACTED]");
    assertThat(line.path("password").asText()).isEqualTo("[REDACTED]");
    assertThat(line.path("body").asText()).isEqualTo("pay [REDACTED]");
  }

  @Test
  void invalidRedactionSettingsAreRejectedNamingTheValue() {
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    assertThatThrownBy(() -> encoder.addRedactionPattern("[invalid")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'[invalid'");
    assertThatThrownBy(() -> encoder.setRedactionKeys("ok, ---")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'---'");
  }

  @Test
  void stackTraceDepthIsConfigurableAndCausesAreKept() throws Exception {
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    encoder.setMaxStackTraceDepth(2);
    Exception error = new IllegalStateException("outer", inner());
    String trace = encode(encoder, event("failed", error)).path("exception.stacktrace").asText();
    assertThat(trace).startsWith("java.lang.IllegalStateException: outer\n\tat ");
    assertThat(trace).contains("\t... " + (error.getStackTrace().length - 2) + " more\n"
        + "Caused by: java.io.IOException: inner\n\tat " + getClass().getName() + ".inner(");
    // the cause's one own frame, then the frames it shares with the outer exception, counted
    assertThat(trace).endsWith("\n\t... " + error.getStackTrace().length + " more\n");
    assertThat(trace.lines().filter(l -> l.startsWith("\tat "))).hasSize(3);
  }

  private static java.io.IOException inner() {
    return new java.io.IOException("inner");
  }

  @Test
  @Timeout(10)
  void stackTraceReadsAsThrowablePrintStackTrace() throws Exception {
    Throwable[] thrown = new Throwable[1];
    Thread thread = new Thread(() -> { // a shallow stack: within the frame bound
      try {
        Integer.parseInt("x");
      } catch (NumberFormatException e) {
        thrown[0] = new IllegalStateException("outer", new IllegalArgumentException("middle", e));
      }
    });
    thread.start();
    thread.join();
    java.io.StringWriter printed = new java.io.StringWriter();
    thrown[0].printStackTrace(new java.io.PrintWriter(printed, true));
    String trace = encode(new JsonLinesEncoder(), event("failed", thrown[0])).path("exception.stacktrace").asText();
    assertThat(trace).contains("\t... 1 more\n").isEqualTo(printed.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void mdcCanBeLeftOut() throws Exception {
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    encoder.setIncludeMdc(false);
    LoggingEvent event = event("m", null);
    event.setMDCPropertyMap(java.util.Map.of("request", "r-1"));
    assertThat(encode(encoder, event).has("request")).isFalse();
  }
}
