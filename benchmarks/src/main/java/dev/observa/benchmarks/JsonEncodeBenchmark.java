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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.event.KeyValuePair;

/**
 * Scenario 6 (lite): one event with message, level, logger, thread, timestamp, trace and span ids, 3 MDC
 * entries and 2 key-values. Floor: copying a pre-rendered line of the same length.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JsonEncodeBenchmark {
  private final LoggerContext logback = new LoggerContext();
  private LoggingEvent event;
  private JsonLinesEncoder observa;
  private LogstashEncoder logstash;
  private JsonEncoder logbackJson;
  private byte[] prerendered;
  private Scope span;

  @Setup
  public void setUp() {
    logback.setMDCAdapter(new LogbackMDCAdapter());
    event = new LoggingEvent("fqcn", logback.getLogger("dev.observa.bench"), ch.qos.logback.classic.Level.INFO,
        "failed to fetch URL", null, null);
    event.setThreadName("http-nio-8080-exec-1");
    event.setMDCPropertyMap(Map.of("request_id", "r-123", "user", "bryan", "region", "eu-west-1"));
    event.addKeyValuePair(new KeyValuePair("url", "http://example.com/a"));
    event.addKeyValuePair(new KeyValuePair("attempt", 3L));
    observa = new JsonLinesEncoder();
    observa.setContext(logback);
    observa.start();
    logstash = new LogstashEncoder();
    logstash.setContext(logback);
    logstash.start();
    logbackJson = new JsonEncoder();
    logbackJson.setContext(logback);
    logbackJson.start();
    span = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(),
        TraceState.getDefault())).makeCurrent();
    prerendered = observa.encode(event).clone();
  }

  @TearDown
  public void tearDown() {
    span.close();
  }

  @Benchmark
  public byte[] observa() {
    return observa.encode(event);
  }

  @Benchmark
  public byte[] logstashEncoder() {
    return logstash.encode(event);
  }

  @Benchmark
  public byte[] logbackJsonEncoder() {
    return logbackJson.encode(event);
  }

  @Benchmark
  public byte[] floorCopyPrerenderedLine() {
    return prerendered.clone();
  }
}
