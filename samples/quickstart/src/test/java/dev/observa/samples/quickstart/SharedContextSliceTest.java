package dev.observa.samples.quickstart;

import static dev.observa.log.Field.field;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.observa.Observa;
import dev.observa.context.DeclaredKey;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import dev.observa.meter.Histogram;
import dev.observa.test.Correlation;
import dev.observa.test.Exemplar;
import dev.observa.test.LogLine;
import dev.observa.test.ObservaCapture;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The foundation's promise, end to end over the real modules: one context seen by all three signals, captured
 * with the test kit ({@link ObservaCapture}).
 */
class SharedContextSliceTest {
  private ObservaCapture capture;
  private Observa obs;

  @BeforeEach
  void setUp() {
    capture = ObservaCapture.start(b -> b.serviceName("slice")
        .declare(DeclaredKey.builder("greeting").routes(Route.PROPAGATE, Route.LOG, Route.SPAN_ATTRIBUTE).build()));
    obs = capture.observa();
  }

  @AfterEach
  void tearDown() {
    capture.close();
  }

  @Test
  void logsMetricsAndPooledWorkShareOneContextThatEndsWithItsScope() throws Exception {
    Histogram latency = obs.histogram("slice.latency").baseUnit("seconds").register();
    ExecutorService pool = Context.taskWrapping(Executors.newSingleThreadExecutor());
    AtomicReference<ObservaContext> seenByPool = new AtomicReference<>();
    String traceId;
    String spanId;
    try (Scope scope = obs.context().withBaggage("greeting", "Bonjour").withTenant("acme").makeCurrent();
         ActiveSpan span = obs.span("say-hello").startActive()) {
      traceId = span.context().traceId();
      spanId = span.context().spanId();
      obs.logger("slice.facade").info("from the facade", field("attempt", 3));
      LoggerFactory.getLogger("slice.plain").info("from plain SLF4J");
      latency.record(0.042);
      pool.submit(() -> {
        seenByPool.set(ObservaContext.current());
        LoggerFactory.getLogger("slice.pool").info("from a pooled thread");
      }).get();
    } finally {
      pool.shutdown();
    }
    obs.logger("slice.facade").info("after the scope");

    assertThat(traceId).matches("[0-9a-f]{32}");
    Correlation correlation = capture.requireCorrelated(traceId);
    assertThat(correlation.spans()).extracting(SpanData::getName).containsExactly("say-hello");
    assertThat(correlation.logLines()).hasSize(3);
    List<JsonNode> lines = logLines();
    assertThat(lines).hasSize(4);

    // (a) facade and plain SLF4J lines carry the same trace, span, baggage and tenant
    for (JsonNode line : lines.subList(0, 3)) {
      assertThat(line.path("trace_id").asText()).as(line.toString()).isEqualTo(traceId);
      assertThat(line.path("span_id").asText()).isEqualTo(spanId);
      assertThat(line.path("trace_flags").asText()).isEqualTo("03"); // sampled (01) + W3C Level 2 random (02) on a new trace id
      assertThat(line.path("baggage").path("greeting").asText()).isEqualTo("Bonjour");
      assertThat(line.path("tenant").asText()).isEqualTo("acme");
      assertThat(line.path("service.name").asText()).isEqualTo("slice");
    }
    assertThat(lines.get(0).path("body").asText()).isEqualTo("from the facade");
    assertThat(lines.get(0).path("attempt").isNumber()).isTrue();
    assertThat(lines.get(1).path("scope.name").asText()).isEqualTo("slice.plain");

    // (b) the histogram bucket carries an exemplar with that trace id, and only bucket lines do
    String openMetrics = capture.openMetrics();
    assertThat(capture.exemplars()).isNotEmpty()
        .allSatisfy(e -> assertThat(e.metric()).isEqualTo("slice_latency_seconds_bucket"))
        .anySatisfy(e -> assertThat(e).isEqualTo(new Exemplar(e.sample(), traceId, spanId)));
    assertThat(openMetrics).contains("slice_latency_seconds_bucket{le=\"0.05\"} 1").endsWith("# EOF\n");

    // (c) work on the wrapped executor saw the same context
    assertThat(seenByPool.get().traceId()).isEqualTo(traceId);
    assertThat(seenByPool.get().tenant()).isEqualTo("acme");
    assertThat(seenByPool.get().baggageValue("greeting")).isEqualTo("Bonjour");
    assertThat(lines.get(2).path("thread.name").asText()).isNotEqualTo(lines.get(1).path("thread.name").asText());

    // (d) after the scope the context is empty again and lines carry no trace id
    ObservaContext after = ObservaContext.current();
    assertThat(after.hasSpan()).isFalse();
    assertThat(after.baggage()).isEmpty();
    assertThat(after.tenant()).isNull();
    JsonNode last = lines.get(3);
    assertThat(last.path("body").asText()).isEqualTo("after the scope");
    assertThat(last.has("trace_id")).isFalse();
    assertThat(last.has("tenant")).isFalse();
    assertThat(last.has("baggage")).isFalse();
  }

  @Test
  void undeclaredBaggageReachesNoLogLine() throws Exception {
    try (Scope scope = obs.context().withBaggage("user.password", "hunter2").withBaggage("greeting", "Hi")
        .makeCurrent()) {
      LoggerFactory.getLogger("slice.plain").info("with undeclared baggage");
    }
    JsonNode line = logLines().get(0);
    assertThat(line.toString()).doesNotContain("hunter2").doesNotContain("user.password");
    assertThat(line.path("baggage").path("greeting").asText()).isEqualTo("Hi");
  }

  private List<JsonNode> logLines() {
    return capture.logLines().stream().map(LogLine::tree).toList();
  }
}
