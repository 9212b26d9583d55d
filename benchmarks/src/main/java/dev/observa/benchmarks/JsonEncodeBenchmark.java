package dev.observa.benchmarks;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.observa.logging.JsonLinesEncoder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * Scenario 6: JSON encode of log events as a server logs them: {@value #EVENTS} distinct events cycled through,
 * each with its own message arguments, its own span (trace and span ids never repeat from one line to the
 * next), one of 16 thread names (one {@code String} each, the instance {@code Thread.getName()} returns at every
 * call) and its own request id. "lite": message, level, logger, thread, timestamp,
 * trace id, span id, trace flags, 3 MDC entries, 2 key-values; "full": the same plus an exception with about
 * 20 frames and a cause.
 *
 * <p>Every encoder writes the same fields: Observa reads the span from the event's context (what its
 * asynchronous appender hands it); the peers (logstash-logback-encoder, Logback's {@code JsonEncoder}, Spring
 * Boot's ECS) get {@code trace_id}, {@code span_id} and {@code trace_flags} in the MDC, as Micrometer Tracing
 * puts them there. Each encoder is measured on its {@code byte[]} path (what Logback's appenders call) and,
 * where it has one, on its streaming path into a reused buffer. Floor: copying pre-rendered lines.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonEncodeBenchmark {
  @Param({"lite", "full"})
  public String event;

  static final int EVENTS = 1024;

  private final LoggerContext logback = new LoggerContext();
  /** What Observa's appender hands its encoder: the event and its context. */
  private ch.qos.logback.classic.spi.ILoggingEvent[] observaEvents;
  /** The same events with the span's ids in the MDC, for the peers. */
  private LoggingEvent[] peerEvents;
  private byte[][] prerenderedLines;
  private int next;
  private JsonLinesEncoder observa;
  private LogstashEncoder logstash;
  private JsonEncoder logbackJson;
  private StructuredLogEncoder springEcs;
  private ReusedBuffer buffer;

  @Setup
  public void setUp() {
    logback.setMDCAdapter(new LogbackMDCAdapter());
    StandardEnvironment environment = new StandardEnvironment();
    environment.getSystemProperties().put("logging.structured.ecs.service.name", "bench");
    logback.putObject(Environment.class.getName(), environment);
    Throwable error = "full".equals(event) ? failure() : null;
    java.util.Random random = new java.util.Random(6);
    String[] threads = new String[16]; // one String per thread, as Thread.getName() returns it at every call
    for (int t = 0; t < threads.length; t++) {
      threads[t] = "http-nio-8080-exec-" + (1 + t);
    }
    observaEvents = new ch.qos.logback.classic.spi.ILoggingEvent[EVENTS];
    peerEvents = new LoggingEvent[EVENTS];
    for (int i = 0; i < EVENTS; i++) {
      SpanContext span = SpanContext.create(String.format(java.util.Locale.ROOT, "%016x%016x", random.nextLong(),
          random.nextLong()), String.format(java.util.Locale.ROOT, "%016x", random.nextLong()),
          TraceFlags.getSampled(), TraceState.getDefault());
      Object[] arguments = {"https://example.com/orders/" + random.nextInt(100_000), 1 + random.nextInt(3)};
      String thread = threads[i % threads.length];
      Map<String, String> mdc = Map.of("request_id", "r-" + Integer.toHexString(random.nextInt()), "user",
          "user" + random.nextInt(500), "region", "eu-west-1");
      LoggingEvent plain = event(arguments, error, thread, mdc);
      observaEvents[i] = new dev.observa.logging.ContextualLoggingEvent(plain,
          dev.observa.context.ObservaContext.from(io.opentelemetry.context.Context.root().with(Span.wrap(span))));
      Map<String, String> withIds = new java.util.HashMap<>(mdc);
      withIds.put("trace_id", span.getTraceId());
      withIds.put("span_id", span.getSpanId());
      withIds.put("trace_flags", span.getTraceFlags().asHex());
      peerEvents[i] = event(arguments, error, thread, withIds);
    }
    observa = new JsonLinesEncoder();
    observa.setContext(logback);
    observa.start();
    logstash = new LogstashEncoder();
    logstash.setContext(logback);
    logstash.start();
    logbackJson = new JsonEncoder();
    logbackJson.setContext(logback);
    logbackJson.start();
    springEcs = new StructuredLogEncoder();
    springEcs.setContext(logback);
    springEcs.setFormat("ecs");
    springEcs.start();
    buffer = new ReusedBuffer();
    prerenderedLines = new byte[EVENTS][];
    for (int i = 0; i < EVENTS; i++) {
      prerenderedLines[i] = observa.encode(observaEvents[i]).clone();
    }
  }

  private LoggingEvent event(Object[] arguments, Throwable error, String thread, Map<String, String> mdc) {
    LoggingEvent event = new LoggingEvent("fqcn", logback.getLogger("dev.observa.bench.Orders"),
        ch.qos.logback.classic.Level.INFO, "failed to fetch {} (attempt {})", error, arguments);
    event.setThreadName(thread);
    event.setMDCPropertyMap(mdc);
    event.addKeyValuePair(new KeyValuePair("url", arguments[0]));
    event.addKeyValuePair(new KeyValuePair("attempt", ((Integer) arguments[1]).longValue()));
    event.getFormattedMessage(); // as an appender that formats once
    return event;
  }

  private int nextIndex() {
    int i = next;
    next = (i + 1) & (EVENTS - 1);
    return i;
  }

  /** An exception thrown 20 frames deep, with a cause. */
  private static Throwable failure() {
    try {
      recurse(20);
      throw new AssertionError("unreachable");
    } catch (IllegalStateException e) {
      return e;
    }
  }

  private static void recurse(int depth) {
    if (depth == 0) {
      throw new IllegalStateException("upstream returned 503", new java.net.ConnectException("Connection refused"));
    }
    recurse(depth - 1);
  }

  @Benchmark
  public byte[] observa() {
    return observa.encode(observaEvents[nextIndex()]);
  }

  @Benchmark
  public int observaIntoReusedBuffer() throws IOException {
    buffer.reset();
    observa.encodeTo(observaEvents[nextIndex()], buffer);
    return buffer.size();
  }

  @Benchmark
  public byte[] logstashEncoder() {
    return logstash.encode(peerEvents[nextIndex()]);
  }

  @Benchmark
  public int logstashEncoderIntoReusedBuffer() throws IOException {
    buffer.reset();
    logstash.encode(peerEvents[nextIndex()], buffer);
    return buffer.size();
  }

  @Benchmark
  public byte[] logbackJsonEncoder() {
    return logbackJson.encode(peerEvents[nextIndex()]);
  }

  @Benchmark
  public byte[] springBootEcsEncoder() {
    return springEcs.encode(peerEvents[nextIndex()]);
  }

  @Benchmark
  public byte[] floorCopyPrerenderedLine() {
    return prerenderedLines[nextIndex()].clone();
  }

  /** A {@code ByteArrayOutputStream} without synchronization, reset per event. */
  static final class ReusedBuffer extends java.io.OutputStream {
    private byte[] bytes = new byte[8192];
    private int size;

    void reset() {
      size = 0;
    }

    int size() {
      return size;
    }

    @Override
    public void write(int b) {
      ensure(1);
      bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, size, len);
      size += len;
    }

    private void ensure(int extra) {
      if (size + extra > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(size + extra, bytes.length * 2));
      }
    }
  }
}
