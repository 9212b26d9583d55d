package dev.observa.test;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.Observa;
import dev.observa.ObservaBuilder;
import dev.observa.logging.JsonLinesEncoder;
import dev.observa.logging.Slf4jLogging;
import dev.observa.metrics.PrometheusMetrics;
import dev.observa.tracing.OtelTracing;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.LoggerFactory;

/**
 * A real Observa whose three signals are kept in memory for assertions: ended spans (OpenTelemetry
 * {@link SpanData}), the OpenMetrics exposition with its exemplars, and every log line as Observa's JSON
 * encoder writes it (SLF4J and the facade alike). It is the process-wide {@link Observa#global()} until closed.
 *
 * <pre>{@code
 * try (ObservaCapture capture = ObservaCapture.start(b -> b.serviceName("checkout"))) {
 *   Observa obs = capture.observa();
 *   String traceId;
 *   try (ActiveSpan span = obs.span("checkout").startActive()) {
 *     traceId = span.context().traceId();
 *     handle();   // logs a line and records a latency histogram
 *   }
 *   Correlation c = capture.requireCorrelated(traceId);   // span, log lines and exemplar share the trace id
 * }
 * }</pre>
 *
 * <p>Thread-safe. Keeps at most 10,000 log lines and 1,000 traces.
 *
 * @since 0.1.0
 */
public final class ObservaCapture implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Observa observa;
  private final PrometheusMetrics metrics;
  private final LogLineAppender logs;
  private final Logger root;

  private ObservaCapture(UnaryOperator<ObservaBuilder> customizer) {
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    encoder.setContext(logback);
    encoder.start();
    this.logs = new LogLineAppender(encoder, 10_000);
    logs.setContext(logback);
    logs.setName("observa-capture");
    logs.start();
    this.root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    this.metrics = PrometheusMetrics.create();
    this.observa = customizer.apply(Observa.builder().noDiscovery()).metrics(metrics)
        .tracing(OtelTracing.builder().exporters("none").recentTraces(1000).build())
        .logging(Slf4jLogging.create()).buildAndSetGlobal();
  }

  /** @return a capture with the default settings */
  public static ObservaCapture start() {
    return start(UnaryOperator.identity());
  }

  /**
   * @param customizer sets the service name, declared keys, redaction…; metrics, tracing and logging are the
   *     capture's own
   * @return a started capture; close it (the extension does) to detach it
   */
  public static ObservaCapture start(UnaryOperator<ObservaBuilder> customizer) {
    return new ObservaCapture(customizer);
  }

  /** @return the Observa under test */
  public Observa observa() {
    return observa;
  }

  /** @return the metrics it records into, e.g. to serve them or to scrape in another format */
  public PrometheusMetrics metrics() {
    return metrics;
  }

  /** @return every ended span of the kept traces */
  public List<SpanData> spans() {
    RecentTraces recent = observa.unwrap(RecentTraces.class);
    List<SpanData> spans = new ArrayList<>();
    recent.traceIds().forEach(id -> spans.addAll(recent.trace(id)));
    return spans;
  }

  /**
   * @param traceId a trace id
   * @return its ended spans
   */
  public List<SpanData> spans(String traceId) {
    return observa.unwrap(RecentTraces.class).trace(traceId);
  }

  /** @return every captured log line, oldest first */
  public List<LogLine> logLines() {
    List<LogLine> lines = new ArrayList<>();
    for (String line : logs.lines()) {
      try {
        lines.add(new LogLine(line, JSON.readTree(line)));
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw new AssertionError("a log line is not one JSON object: " + line, e);
      }
    }
    return lines;
  }

  /** @return the OpenMetrics exposition now */
  public String openMetrics() {
    return metrics.scrape("application/openmetrics-text").body();
  }

  /** @return the exemplars of the OpenMetrics exposition now */
  public List<Exemplar> exemplars() {
    return openMetrics().lines().map(Exemplar::parse).filter(java.util.Objects::nonNull).toList();
  }

  /**
   * @param traceId a trace id
   * @return what each signal recorded under it
   * @throws AssertionError naming every signal that has nothing under the trace id
   */
  public Correlation requireCorrelated(String traceId) {
    Correlation c = new Correlation(traceId, spans(traceId),
        logLines().stream().filter(l -> traceId.equals(l.traceId())).toList(),
        exemplars().stream().filter(e -> traceId.equals(e.traceId())).toList());
    List<String> missing = new ArrayList<>();
    if (c.spans().isEmpty()) {
      missing.add("no ended span");
    }
    if (c.logLines().isEmpty()) {
      missing.add("no log line (of " + logs.lines().size() + ")");
    }
    if (c.exemplars().isEmpty()) {
      missing.add("no exemplar (of " + exemplars().size() + ")");
    }
    if (!missing.isEmpty()) {
      throw new AssertionError("trace " + traceId + " has " + String.join(", ", missing));
    }
    return c;
  }

  /** Forgets the captured spans and log lines (metrics keep counting). */
  public void clear() {
    observa.unwrap(RecentTraces.class).clear();
    logs.clear();
  }

  /** Detaches the log capture and closes the Observa, which stops being the global one. */
  @Override
  public void close() {
    root.detachAppender(logs);
    logs.stop();
    observa.close();
  }
}
