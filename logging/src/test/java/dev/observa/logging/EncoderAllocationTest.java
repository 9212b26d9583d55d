package dev.observa.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** The redaction policy and the key rules keep the encoder's hot path free of allocation. */
class EncoderAllocationTest {
  @Test
  void encodingATypicalLineWithRedactionAllocatesNothingOnceWarm() throws Exception {
    Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    LoggerContext logback = new LoggerContext();
    logback.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    encoder.setContext(logback);
    encoder.start();
    LoggingEvent event = new LoggingEvent("fqcn", logback.getLogger("orders"), Level.INFO,
        "order placed for customer 42 with 3 items", null, null);
    event.setThreadName("http-nio-8080-exec-1");
    event.addKeyValuePair(new KeyValuePair("order_id", "o-123"));
    event.addKeyValuePair(new KeyValuePair("access_token", "t0k"));
    event.addKeyValuePair(new KeyValuePair("trace_id", "spoof"));
    event.addKeyValuePair(new KeyValuePair("items", 3));
    event.setMDCPropertyMap(new java.util.HashMap<>(Map.of("request_id", "r-1", "session_id", "s"))); // as Logback's MDC
    event.getFormattedMessage();
    Span span = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getSampled(), TraceState.getDefault()));
    OutputStream sink = OutputStream.nullOutputStream();
    try (Scope scope = span.makeCurrent()) {
      for (int i = 0; i < 200_000; i++) {
        encoder.encodeTo(event, sink);
      }
      // the least of five rounds: a compilation landing in one round is not a per-line allocation
      long perLine = Long.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 200_000; i++) {
          encoder.encodeTo(event, sink);
        }
        perLine = Math.min(perLine, (threads.getCurrentThreadAllocatedBytes() - before) / 200_000);
      }
      assertThat(perLine).as("bytes allocated per line").isLessThan(16);
    }
  }

  @Test
  void encodingLinesOfDistinctSpansAllocatesNothingOnceWarm() throws Exception {
    Assumptions.assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    LoggerContext logback = new LoggerContext();
    logback.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    encoder.setContext(logback);
    encoder.start();
    LoggingEvent event = new LoggingEvent("fqcn", logback.getLogger("orders"), Level.INFO, "order placed", null, null);
    event.setThreadName("http-nio-8080-exec-1");
    event.getFormattedMessage();
    // one span per request, as a server has them: the per-span id bytes never repeat from line to line
    ContextualLoggingEvent[] requests = new ContextualLoggingEvent[1024];
    java.util.Random random = new java.util.Random(19);
    for (int i = 0; i < requests.length; i++) {
      requests[i] = new ContextualLoggingEvent(event, dev.observa.context.ObservaContext.from(
          io.opentelemetry.context.Context.root().with(Span.wrap(SpanContext.create(
              String.format(java.util.Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong()),
              String.format(java.util.Locale.ROOT, "%016x", random.nextLong()), TraceFlags.getSampled(),
              TraceState.getDefault())))));
    }
    OutputStream sink = OutputStream.nullOutputStream();
    for (int round = 0; round < 200; round++) { // warm up
      for (ContextualLoggingEvent request : requests) {
        encoder.encodeTo(request, sink);
      }
    }
    long least = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) { // the least of five rounds: a compilation in one is not per line
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int repeat = 0; repeat < 100; repeat++) {
        for (ContextualLoggingEvent request : requests) {
          encoder.encodeTo(request, sink);
        }
      }
      least = Math.min(least, (threads.getCurrentThreadAllocatedBytes() - before) / 100);
    }
    assertThat(least / requests.length).as("bytes allocated per line").isLessThan(16);
  }
}
