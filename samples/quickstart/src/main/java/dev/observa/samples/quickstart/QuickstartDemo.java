package dev.observa.samples.quickstart;

import static dev.observa.log.Field.field;

import dev.observa.Observa;
import dev.observa.context.DeclaredKey;
import dev.observa.context.Route;
import dev.observa.log.Logger;
import dev.observa.meter.Timer;
import dev.observa.metrics.PrometheusMetrics;
import dev.observa.trace.ActiveSpan;
import dev.observa.tracing.OtelTracing;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.PrintStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The shared-context slice, runnable with no backend: inside one span with baggage {@code greeting} and
 * tenant {@code acme}, a facade log line, a plain SLF4J line, a line from a pooled thread and a latency
 * exemplar all carry the same trace id. Logs go to stdout as JSON lines; the demo then prints the
 * OpenMetrics lines with exemplars and the recorded span.
 */
public final class QuickstartDemo {
  private QuickstartDemo() {}

  /**
   * @param args ignored
   * @throws Exception if the pooled task fails
   */
  public static void main(String[] args) throws Exception {
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    try (Observa obs = Observa.builder()
        .serviceName("quickstart")
        .declare(DeclaredKey.builder("greeting").routes(Route.PROPAGATE, Route.LOG, Route.SPAN_ATTRIBUTE).build())
        .metrics(prometheus)
        .tracing(OtelTracing.create())
        .buildAndSetGlobal()) {
      run(obs, prometheus, System.out);
    }
  }

  static void run(Observa obs, PrometheusMetrics prometheus, PrintStream out) throws Exception {
    Logger log = obs.logger("quickstart");
    org.slf4j.Logger plain = LoggerFactory.getLogger("quickstart.plain");
    Timer latency = obs.timer("hello.duration").description("Time to say hello").register();
    ExecutorService pool = Context.taskWrapping(Executors.newSingleThreadExecutor());
    String traceId;
    try (Scope baggage = obs.context().withBaggage("greeting", "Bonjour").withTenant("acme").makeCurrent();
         ActiveSpan span = obs.span("say-hello").attribute("hello-to", "Bryan").startActive()) {
      traceId = span.context().traceId();
      latency.record(() -> log.info("formatting the greeting", field("name", "Bryan"), field("attempt", 1)));
      plain.info("hello from a plain SLF4J logger");
      pool.submit(() -> plain.info("hello from a pooled thread")).get();
      span.event("println");
    } finally {
      pool.shutdown();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
    log.info("scope closed: this line carries no trace id");

    out.println();
    out.println("# OpenMetrics lines with exemplars (curl -H 'Accept: application/openmetrics-text' …/metrics):");
    prometheus.scrape("application/openmetrics-text").body().lines()
        .filter(line -> line.contains("trace_id"))
        .forEach(out::println);
    out.println();
    out.println("# Spans of trace " + traceId + " kept in memory (the embedded default):");
    obs.unwrap(RecentTraces.class).trace(traceId).forEach(span -> {
      java.util.Map<String, Object> attributes = new java.util.TreeMap<>();
      span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
      out.println("  " + span.getName() + " span_id=" + span.getSpanId() + " attributes=" + attributes);
    });
  }
}
