package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservaLogCorrelationTest {
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

  @Test
  void bootsConsoleAndFileAppendersBothShowTheTraceIdOnce(@TempDir Path dir) throws Exception {
    LoggerContext logback = new LoggerContext();
    logback.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    OutputStreamAppender<ILoggingEvent> consoleAppender = new OutputStreamAppender<>();
    consoleAppender.setName("CONSOLE");
    consoleAppender.setOutputStream(console);
    FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
    fileAppender.setName("FILE");
    fileAppender.setFile(dir.resolve("app.log").toString());
    for (OutputStreamAppender<ILoggingEvent> appender : java.util.List.of(consoleAppender, fileAppender)) {
      appender.setContext(logback);
      appender.setEncoder(pattern(logback));
      appender.start();
      root.addAppender(appender);
    }

    assertThat(ObservaLogCorrelation.wrap(logback)).isEqualTo(2);
    assertThat(ObservaLogCorrelation.wrap(logback)).isZero(); // once only
    SpanContext span = SpanContext.create(TRACE, "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.getDefault());
    try (Scope scope = Context.root().with(Span.wrap(span)).makeCurrent()) {
      logback.getLogger("app").info("paid");
    }
    logback.getLogger("app").info("idle");
    logback.stop();

    String expected = "[" + TRACE + "] [" + TRACE + "] paid\n[] [] idle\n";
    assertThat(console.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(Files.readString(dir.resolve("app.log"))).isEqualTo(expected);
  }

  private static PatternLayoutEncoder pattern(LoggerContext logback) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(logback);
    encoder.setPattern("[%X{traceId}] [%X{trace_id}] %msg%n");
    encoder.start();
    return encoder;
  }
}
