package dev.observa.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.observa.Observa;
import dev.observa.context.ObservaContext;
import dev.observa.metrics.PrometheusMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ObservaAsyncAppenderTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  /**
   * The flush budget of every appender whose test asserts what stop() delivered: stop() returns as soon as
   * the queue is delivered, so this only bounds a starved CI machine (the default 1 s was seen not to be enough).
   */
  private static final int FLUSH_MILLIS = 20_000;

  private static LoggerContext newLoggerContext() {
    LoggerContext logback = new LoggerContext();
    logback.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    return logback;
  }

  /** An async appender on ROOT handing events to JSON lines written into {@code out}. */
  private static ObservaAsyncAppender asyncJsonLinesTo(LoggerContext logback, ByteArrayOutputStream out) {
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    encoder.setContext(logback);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> sink = new OutputStreamAppender<>();
    sink.setContext(logback);
    sink.setEncoder(encoder);
    sink.setOutputStream(out);
    sink.start();
    ObservaAsyncAppender async = new ObservaAsyncAppender();
    async.setContext(logback);
    async.setMaxFlushTime(FLUSH_MILLIS);
    async.addAppender(sink);
    async.start();
    logback.getLogger("ROOT").addAppender(async);
    return async;
  }

  @Test
  void contextCapturedOnTheLoggingThreadIsWrittenByTheWorkerThread() throws Exception {
    LoggerContext logback = newLoggerContext();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ObservaAsyncAppender async = asyncJsonLinesTo(logback, out);

    SpanContext span = SpanContext.create(TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
    try (Scope scope = ObservaContext.from(io.opentelemetry.context.Context.root().with(Span.wrap(span)))
        .withTenant("acme").makeCurrent()) {
      logback.getLogger("async").info("handed off");
    }
    async.stop();
    JsonNode line = CapturedLines.JSON.readTree(out.toString(StandardCharsets.UTF_8).trim());
    assertThat(line.path("trace_id").asText()).isEqualTo(TRACE_ID);
    assertThat(line.path("tenant").asText()).isEqualTo("acme");
    assertThat(line.path("thread.name").asText()).isEqualTo(Thread.currentThread().getName());
  }

  @Test
  void messagesShowTheirArgumentsAsTheyWereAtTheCallWhetherFormattedByTheCallerOrTheWorker() throws Exception {
    LoggerContext logback = newLoggerContext();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ObservaAsyncAppender async = asyncJsonLinesTo(logback, out);

    StringBuilder mutable = new StringBuilder("before");
    java.util.UUID id = new java.util.UUID(1, 2);
    for (int i = 0; i < 3; i++) {
      logback.getLogger("args").info("order {} of {} for {} at {}", i, "shop", mutable, id);
      mutable.setLength(0);
      mutable.append("after");
      logback.getLogger("args").info("plain {} {} {}", i, 2.5, java.time.Duration.ofSeconds(3));
    }
    async.stop();
    java.util.List<String> bodies = new java.util.ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      JsonNode json = CapturedLines.JSON.readTree(line);
      if (!json.path("scope.name").asText().equals("dev.observa.logging")) {
        bodies.add(json.path("body").asText());
      }
    }
    assertThat(bodies).containsExactly(
        "order 0 of shop for before at 00000000-0000-0001-0000-000000000002", "plain 0 2.5 PT3S",
        "order 1 of shop for after at 00000000-0000-0001-0000-000000000002", "plain 1 2.5 PT3S",
        "order 2 of shop for after at 00000000-0000-0001-0000-000000000002", "plain 2 2.5 PT3S");
  }

  @Test
  void aFullQueueDropsInsteadOfBlockingAndCountsTheDrops() throws Exception {
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    Observa obs = Observa.builder().noDiscovery().metrics(prometheus).buildAndSetGlobal();
    LoggerContext logback = newLoggerContext();
    CountDownLatch release = new CountDownLatch(1);
    AppenderBase<ILoggingEvent> stuck = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    stuck.setContext(logback);
    stuck.start();
    ObservaAsyncAppender async = new ObservaAsyncAppender();
    async.setContext(logback);
    async.setQueueSize(4);
    async.setMaxFlushTime(100);
    async.addAppender(stuck);
    async.start();
    logback.getLogger("ROOT").addAppender(async);
    try {
      // liveness, not speed: the worker is stuck, so a blocking appender would never return here
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        for (int i = 0; i < 100; i++) {
          logback.getLogger("flood").error("event " + i);
        }
      });
      assertThat(async.droppedEvents()).isGreaterThanOrEqualTo(90);
      assertThat(prometheus.scrape("text/plain").body())
          .contains("observa_log_events_dropped_total " + async.droppedEvents() + ".0");
    } finally {
      release.countDown();
      async.stop();
      obs.close();
    }
  }

  @Test
  void theIncludeDefinesJsonConsoleAppenders() throws Exception {
    LoggerContext logback = newLoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(logback);
    String xml = "<configuration><include resource=\"dev/observa/logging/json-console.xml\"/>"
        + "<root level=\"INFO\"><appender-ref ref=\"OBSERVA_ASYNC_JSON_CONSOLE\"/></root></configuration>";
    configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Appender<ILoggingEvent> async = logback.getLogger("ROOT").getAppender("OBSERVA_ASYNC_JSON_CONSOLE");
    assertThat(async).isInstanceOf(ObservaAsyncAppender.class);
    assertThat(((ObservaAsyncAppender) async).isNeverBlock()).isTrue();
    Appender<ILoggingEvent> console = ((ObservaAsyncAppender) async).getAppender("OBSERVA_JSON_CONSOLE");
    assertThat(console).isInstanceOf(ConsoleAppender.class);
    Encoder<ILoggingEvent> encoder = ((ConsoleAppender<ILoggingEvent>) console).getEncoder();
    assertThat(encoder).isInstanceOf(JsonLinesEncoder.class);
    logback.stop();
  }

  private static final class Collecting extends AppenderBase<ILoggingEvent> {
    final java.util.List<String> messages = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    final java.util.List<ILoggingEvent> summaries = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    protected void append(ILoggingEvent event) {
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if ("dev.observa.logging".equals(event.getLoggerName())) {
        summaries.add(event); // the appender's own line at stop
      } else {
        messages.add(event.getFormattedMessage());
      }
    }
  }

  @Test
  void stoppingDeliversWhatIsQueuedInOrder() {
    LoggerContext logback = newLoggerContext();
    Collecting sink = new Collecting();
    sink.setContext(logback);
    sink.start();
    ObservaAsyncAppender async = new ObservaAsyncAppender();
    async.setContext(logback);
    async.setQueueSize(1024);
    async.setDiscardingThreshold(0);
    async.setMaxFlushTime(FLUSH_MILLIS);
    async.addAppender(sink);
    async.start();
    logback.getLogger("ROOT").addAppender(async);
    for (int i = 0; i < 500; i++) {
      logback.getLogger("orders").info("event {}", i);
    }
    async.stop();
    assertThat(sink.messages).hasSize(500).startsWith("event 0", "event 1").endsWith("event 499");
    assertThat(async.droppedEvents()).isZero();
    assertThat(sink.summaries).singleElement().satisfies(summary -> {
      assertThat(summary.getLevel()).isEqualTo(Level.INFO);
      assertThat(summary.getFormattedMessage()).contains("0 log events dropped");
    });
  }

  @Test
  void stoppingWritesOneSummaryLineWithTheFinalDropCounts() throws Exception {
    LoggerContext logback = newLoggerContext();
    Collecting sink = new Collecting();
    sink.gate = new CountDownLatch(1);
    sink.setContext(logback);
    sink.start();
    ObservaAsyncAppender async = new ObservaAsyncAppender();
    async.setContext(logback);
    async.setQueueSize(4);
    async.setDiscardingThreshold(0);
    async.setMaxFlushTime(FLUSH_MILLIS);
    async.addAppender(sink);
    async.start();
    logback.getLogger("ROOT").addAppender(async);
    for (int i = 0; i < 50; i++) {
      logback.getLogger("orders").warn("event {}", i);
    }
    long dropped = async.droppedEvents();
    assertThat(dropped).isGreaterThan(0);
    sink.gate.countDown();
    async.stop();
    assertThat(sink.summaries).singleElement().satisfies(summary -> {
      assertThat(summary.getLevel()).isEqualTo(Level.WARN);
      assertThat(summary.getKeyValuePairs()).anySatisfy(kv -> {
        assertThat(kv.key).isEqualTo("log.events.dropped");
        assertThat(kv.value).isEqualTo(dropped);
      });
    });
    assertThat(sink.messages.size() + dropped).isEqualTo(50);
  }

  /** A stream whose writes fail while {@code broken} is set, as a full disk or a closed pipe does. */
  private static final class FlakyStream extends java.io.OutputStream {
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    volatile boolean broken;

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      if (broken) {
        throw new java.io.IOException("No space left on device");
      }
      written.write(b, off, len);
    }
  }

  @Test
  void aSinkThatStopsOnAnIoErrorIsStartedAgainAndItsLossesAreCounted() throws Exception {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      LoggerContext logback = newLoggerContext();
      FlakyStream stream = new FlakyStream();
      OutputStreamAppender<ILoggingEvent> sink = new OutputStreamAppender<>();
      sink.setContext(logback);
      ch.qos.logback.classic.encoder.PatternLayoutEncoder encoder = new ch.qos.logback.classic.encoder.PatternLayoutEncoder();
      encoder.setContext(logback);
      encoder.setPattern("%msg%n");
      encoder.start();
      sink.setEncoder(encoder);
      sink.setOutputStream(stream);
      sink.setImmediateFlush(true);
      sink.start();
      ObservaAsyncAppender async = new ObservaAsyncAppender();
      async.setContext(logback);
      async.addAppender(sink);
      async.start();
      logback.getLogger("ROOT").addAppender(async);
      stream.broken = true;
      logback.getLogger("orders").warn("lost to the broken disk");
      while (async.sinkFailures() == 0) {
        Thread.sleep(5);
      }
      assertThat(sink.isStarted()).as("Logback stops a stream appender after an I/O error").isFalse();
      stream.broken = false;
      // until a line gets through (the sink is restarted at most every 100 ms); bounded by time, not by a
      // count of 10 ms sleeps, which a starved machine can use up before the worker ran at all
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!stream.written.toString(StandardCharsets.UTF_8).contains("after recovery")
          && System.nanoTime() < deadline) {
        logback.getLogger("orders").warn("after recovery");
        Thread.sleep(10);
      }
      async.stop();
      assertThat(stream.written.toString(StandardCharsets.UTF_8)).contains("after recovery")
          .doesNotContain("lost to the broken disk");
      assertThat(async.droppedEvents()).isGreaterThanOrEqualTo(async.sinkFailures()).isGreaterThanOrEqualTo(1);
    });
  }

  @Test
  void withNeverBlockOffACallerWaitsForRoomInsteadOfDropping() throws Exception {
    LoggerContext logback = newLoggerContext();
    Collecting sink = new Collecting();
    sink.gate = new CountDownLatch(1);
    sink.setContext(logback);
    sink.start();
    ObservaAsyncAppender async = new ObservaAsyncAppender();
    async.setContext(logback);
    async.setQueueSize(2);
    async.setDiscardingThreshold(0);
    async.setNeverBlock(false);
    async.setMaxFlushTime(FLUSH_MILLIS);
    async.addAppender(sink);
    async.start();
    logback.getLogger("ROOT").addAppender(async);
    Thread caller = new Thread(() -> {
      for (int i = 0; i < 10; i++) {
        logback.getLogger("orders").info("event {}", i);
      }
    });
    caller.start();
    caller.join(300);
    assertThat(caller.isAlive()).as("the caller waits while the sink is stuck").isTrue();
    sink.gate.countDown();
    caller.join(FLUSH_MILLIS);
    async.stop();
    assertThat(sink.messages).hasSize(10);
    assertThat(async.droppedEvents()).isZero();
    assertThat(sink.summaries).hasSize(1);
  }
}
