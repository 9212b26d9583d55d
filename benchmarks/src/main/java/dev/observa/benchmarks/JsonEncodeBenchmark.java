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
import io.opentelemetry.context.Scope;
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
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * Scenario 6: JSON encode of one log event. "lite": message, level, logger, thread, timestamp, trace and
 * span ids, 3 MDC entries, 2 key-values; "full": the same plus an exception with about 20 frames and a
 * cause. Each encoder is measured on its {@code byte[]} path (what Logback's appenders call) and, where it
 * has one, on its streaming path into a reused buffer. Floor: copying a pre-rendered line of the same
 * length.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonEncodeBenchmark {
  @Param({"lite", "full"})
  public String event;

  private final LoggerContext logback = new LoggerContext();
  private LoggingEvent loggingEvent;
  private JsonLinesEncoder observa;
  private LogstashEncoder logstash;
  private JsonEncoder logbackJson;
  private StructuredLogEncoder springEcs;
  private ReusedBuffer buffer;
  private byte[] prerendered;
  private Scope span;

  @Setup
  public void setUp() {
    logback.setMDCAdapter(new LogbackMDCAdapter());
    StandardEnvironment environment = new StandardEnvironment();
    environment.getSystemProperties().put("logging.structured.ecs.service.name", "bench");
    logback.putObject(Environment.class.getName(), environment);
    Throwable error = "full".equals(event) ? failure() : null;
    loggingEvent = new LoggingEvent("fqcn", logback.getLogger("dev.observa.bench"),
        ch.qos.logback.classic.Level.INFO, "failed to fetch URL", error, null);
    loggingEvent.setThreadName("http-nio-8080-exec-1");
    loggingEvent.setMDCPropertyMap(Map.of("request_id", "r-123", "user", "bryan", "region", "eu-west-1"));
    loggingEvent.addKeyValuePair(new KeyValuePair("url", "http://example.com/a"));
    loggingEvent.addKeyValuePair(new KeyValuePair("attempt", 3L));
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
    span = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getSampled(), TraceState.getDefault())).makeCurrent();
    prerendered = observa.encode(loggingEvent).clone();
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

  @TearDown
  public void tearDown() {
    span.close();
  }

  @Benchmark
  public byte[] observa() {
    return observa.encode(loggingEvent);
  }

  @Benchmark
  public int observaIntoReusedBuffer() throws IOException {
    buffer.reset();
    observa.encodeTo(loggingEvent, buffer);
    return buffer.size();
  }

  @Benchmark
  public byte[] logstashEncoder() {
    return logstash.encode(loggingEvent);
  }

  @Benchmark
  public int logstashEncoderIntoReusedBuffer() throws IOException {
    buffer.reset();
    logstash.encode(loggingEvent, buffer);
    return buffer.size();
  }

  @Benchmark
  public byte[] logbackJsonEncoder() {
    return logbackJson.encode(loggingEvent);
  }

  @Benchmark
  public byte[] springBootEcsEncoder() {
    return springEcs.encode(loggingEvent);
  }

  @Benchmark
  public byte[] floorCopyPrerenderedLine() {
    return prerendered.clone();
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
