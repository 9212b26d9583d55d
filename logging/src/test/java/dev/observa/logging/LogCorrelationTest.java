package dev.observa.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.observa.context.ObservaContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

// a hang guard: a cold JVM starved on a loaded CI machine was seen to need over 30 s for the first log call
@Timeout(120)
class LogCorrelationTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";
  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger logger = logback.getLogger("observa.correlation.test");
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private Appender<ILoggingEvent> front;

  @AfterEach
  void detach() {
    logger.detachAppender(front);
    front.stop();
  }

  @Test
  void patternLayoutShowsTheIdsOfTheSpanCurrentWhenLogging() {
    attach(new CorrelatingAppender(), pattern());
    try (Scope scope = inSpan(TRACE, SPAN)) {
      logger.info("inside");
    }
    assertThat(text()).isEqualTo(TRACE + " " + TRACE + " " + SPAN + " 01 acme inside\n");
  }

  @Test
  void pooledThreadShowsNoStaleIdsAfterTheRequestsScopeClosed() throws Exception {
    attach(new CorrelatingAppender(), pattern());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      pool.submit(() -> {
        try (Scope scope = inSpan(TRACE, SPAN)) {
          logger.info("first request");
        }
      }).get(60, TimeUnit.SECONDS);
      pool.submit(() -> logger.info("next task")).get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(text().split("\n")).containsExactly(
        TRACE + " " + TRACE + " " + SPAN + " 01 acme first request", "     next task");
  }

  @Test
  void asyncAppenderShowsTheIdsCapturedOnTheLoggingThread() throws Exception {
    ObservaAsyncAppender async = new ObservaAsyncAppender();
    // stop() returns as soon as the worker has delivered the queue; the default 1 s budget is a production
    // setting, and a starved CI machine was seen to need more (the line then read "2 undelivered at stop")
    async.setMaxFlushTime(20_000);
    attach(async, pattern());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      pool.submit(() -> {
        try (Scope scope = inSpan(TRACE, SPAN)) {
          logger.info("first request");
        }
      }).get(60, TimeUnit.SECONDS);
      pool.submit(() -> logger.info("next task")).get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    async.stop(); // delivers what is queued
    assertThat(text().split("\n")).startsWith(
        TRACE + " " + TRACE + " " + SPAN + " 01 acme first request", "     next task");
  }

  @Test
  void containerLineAfterTheSpanClosedCarriesTheRequestsServerSpan() {
    attach(new CorrelatingAppender(), pattern());
    try (Scope request = RequestCorrelation.attach(Context.current()).makeCurrent()) {
      SpanContext server = SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault());
      try (Scope span = Context.current().with(Span.wrap(server)).makeCurrent()) {
        RequestCorrelation.from(Context.current()).serverSpan(server);
      }
      logger.error("Servlet.service() threw exception"); // what Tomcat logs once the filter chain returned
    }
    logger.info("after the request");
    assertThat(text().split("\n")).containsExactly(
        TRACE + " " + TRACE + " " + SPAN + " 01  Servlet.service() threw exception", "     after the request");
  }

  @Test
  void jsonLinesWriteTheIdsOnceAsTheirOwnFields() throws Exception {
    JsonLinesEncoder json = new JsonLinesEncoder();
    json.setContext(logback);
    json.start();
    attach(new CorrelatingAppender(), json);
    try (Scope scope = inSpan(TRACE, SPAN)) {
      org.slf4j.MDC.put("order", "o-1");
      logger.info("inside");
    } finally {
      org.slf4j.MDC.remove("order");
    }
    JsonNode line = CapturedLines.JSON.readTree(text());
    assertThat(line.path("trace_id").asText()).isEqualTo(TRACE);
    assertThat(line.path("order").asText()).isEqualTo("o-1");
    assertThat(line.has("traceId")).isFalse();
    assertThat(line.has("_trace_id")).isFalse();
    assertThat(line.has("_tenant")).isFalse();
  }

  private static Scope inSpan(String traceId, String spanId) {
    SpanContext span = SpanContext.create(traceId, spanId, TraceFlags.getSampled(), TraceState.getDefault());
    return ObservaContext.from(Context.current().with(Span.wrap(span))).withTenant("acme").makeCurrent();
  }

  private PatternLayoutEncoder pattern() {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(logback);
    encoder.setPattern("%X{traceId} %X{trace_id} %X{span_id} %X{trace_flags} %X{tenant} %msg%n");
    encoder.start();
    return encoder;
  }

  private void attach(Appender<ILoggingEvent> correlating, Encoder<ILoggingEvent> encoder) {
    OutputStreamAppender<ILoggingEvent> sink = new OutputStreamAppender<>();
    sink.setContext(logback);
    sink.setEncoder(encoder);
    sink.setOutputStream(out);
    sink.start();
    ((ch.qos.logback.core.spi.AppenderAttachable<ILoggingEvent>) correlating).addAppender(sink);
    correlating.setContext(logback);
    correlating.start();
    front = correlating;
    logger.setAdditive(false);
    logger.addAppender(correlating);
  }

  private String text() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
