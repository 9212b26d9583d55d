package dev.observa.benchmarks;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import dev.observa.logging.JsonLinesEncoder;
import dev.observa.logging.ObservaAsyncAppender;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scenario 7b: logging at a sustainable offered rate, with latency percentiles. Each operation is a slice of
 * request work ({@code Blackhole.consumeCPU(}{@value #WORK}{@code )}, a few microseconds) followed by one
 * log call under a sampled span, so lines are offered at a rate the pipelines keep up with (about 1 / the
 * operation's time) rather than as fast as the call returns. JMH's sample mode gives the distribution of the
 * operation's time (p50, p99, p99.9); subtract the {@code floorWorkOnly} row's (the same work, no log call)
 * for what the log call adds. Pipelines: Observa's asynchronous appender with its JSON encoder, and Logback's
 * {@code AsyncAppender} (neverBlock) with {@code LogstashEncoder}; both into a sink that discards the bytes.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LoggingLatencyBenchmark {
  static final int WORK = 2000;

  @Param({"observa", "logstash"})
  public String pipeline;

  private LoggerContext context;
  private Logger logger;
  private UnsynchronizedAppenderBase<ILoggingEvent> async;
  private Scope span;

  @Setup
  public void setUp() {
    context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    Encoder<ILoggingEvent> encoder = pipeline.equals("observa") ? new JsonLinesEncoder() : new LogstashEncoder();
    encoder.setContext(context);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> out = new OutputStreamAppender<>();
    out.setContext(context);
    out.setEncoder(encoder);
    out.setOutputStream(new LoggingPipelineBenchmark.CountingSink());
    out.setImmediateFlush(false);
    out.start();
    if (pipeline.equals("observa")) {
      ObservaAsyncAppender observa = new ObservaAsyncAppender();
      observa.setQueueSize(8192);
      observa.addAppender(out);
      async = observa;
    } else {
      AsyncAppender logbackAsync = new AsyncAppender();
      logbackAsync.setQueueSize(8192);
      logbackAsync.setNeverBlock(true);
      logbackAsync.addAppender(out);
      async = logbackAsync;
    }
    async.setContext(context);
    async.start();
    logger = context.getLogger("dev.observa.bench.Orders");
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    logger.addAppender(async);
    span = Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getSampled(), TraceState.getDefault())).makeCurrent();
  }

  @TearDown
  public void tearDown() {
    span.close();
    context.stop();
  }

  @Benchmark
  public void logAmidWork() {
    Blackhole.consumeCPU(WORK);
    logger.info("order {} placed for {} items", "o-1234", 3);
  }

  @Benchmark
  public void floorWorkOnly() {
    Blackhole.consumeCPU(WORK);
  }
}
