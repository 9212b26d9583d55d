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
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scenario 7: logging end to end, SLF4J call → async hand-off → JSON encode → a sink that counts the
 * lines. {@code pipeline=observa}: {@link ObservaAsyncAppender} (lock-free queue) + {@link JsonLinesEncoder};
 * {@code pipeline=logstash}: Logback's {@code AsyncAppender} (neverBlock) + {@code LogstashEncoder}. Both
 * with an 8192-event queue and Logback's default discarding threshold, with a sampled span current. The
 * score is the producer's cost per call; after each iteration the lines the sink received per second (the
 * sustained rate) and the events the appender reported dropped are printed to the log (Logback's appender
 * reports none). Floor: a call below the logger's level.
 */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LoggingPipelineBenchmark {
  /**
   * {@code observa}, {@code logstash} (the peer), or a floor: {@code logback-only}, an appender that does
   * nothing with the event (what Logback itself costs per call, the event object optimised away), and
   * {@code logback-keep}, an appender that keeps a reference to the event, so it is really allocated, as it
   * is for any appender that hands it to another thread.
   */
  @Param({"observa", "logstash", "logback-only", "logback-keep"})
  public String pipeline;

  private LoggerContext context;
  private Logger logger;
  private UnsynchronizedAppenderBase<ILoggingEvent> async;
  final CountingSink sink = new CountingSink();
  private Scope span;
  /** Where the {@code logback-keep} floor puts each event. */
  static volatile ILoggingEvent kept;

  private long writtenAtStart;
  private long droppedAtStart;
  private long startNanos;

  /** Marks the start of an iteration for the delivery report. */
  @Setup(org.openjdk.jmh.annotations.Level.Iteration)
  public void markIteration() {
    writtenAtStart = sink.lines.sum();
    droppedAtStart = dropped();
    startNanos = System.nanoTime();
  }

  /** Prints the lines delivered and the drops reported per second over the iteration (JMH's log). */
  @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
  public void reportDelivery() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("%n[%s] delivered %.0f lines/s, reported dropped %.0f events/s%n", pipeline,
        (sink.lines.sum() - writtenAtStart) / seconds, (dropped() - droppedAtStart) / seconds);
  }

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
    out.setOutputStream(sink);
    out.setImmediateFlush(false);
    out.start();
    if (pipeline.equals("logback-keep")) {
      async = new UnsynchronizedAppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          kept = event;
        }
      };
    } else if (pipeline.equals("logback-only")) {
      async = new UnsynchronizedAppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          // nothing: Logback's own cost per call
        }
      };
    } else if (pipeline.equals("observa")) {
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

  long dropped() {
    return async instanceof ObservaAsyncAppender observa ? observa.droppedEvents() : 0;
  }

  @TearDown
  public void tearDown() {
    span.close();
    context.stop();
  }

  @Benchmark
  public void logInfo() {
    logger.info("order {} placed for {} items", "o-1234", 3);
  }

  @Benchmark
  public void floorDisabledLevel() {
    logger.debug("order {} placed for {} items", "o-1234", 3);
  }

  /** Counts lines (one write per encoded event) and discards the bytes. */
  static final class CountingSink extends OutputStream {
    final LongAdder lines = new LongAdder();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {
      lines.increment();
    }
  }
}
