package dev.observa.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.observa.context.ContextExecutors;
import dev.observa.context.ObservaContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * JSON lines written on virtual threads (JDK 21+; compiled from src/test/java21, run with one carrier
 * thread): the trace context reaches them through a wrapped executor, and neither the context nor the MDC
 * of one virtual thread reaches the next one on the same carrier.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VirtualThreadLoggingTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";
  private static final Logger LOG = LoggerFactory.getLogger("virtual");

  @Test
  void aLineLoggedOnAVirtualThreadCarriesTheSubmittersTraceAndTenant() throws Exception {
    try (CapturedLines captured = new CapturedLines();
        ExecutorService executor = ContextExecutors.wrap(Executors.newVirtualThreadPerTaskExecutor())) {
      Span span = Span.wrap(SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
          TraceState.getDefault()));
      try (Scope scope = ObservaContext.from(Context.root().with(span)).withTenant("acme").makeCurrent()) {
        executor.submit(() -> LOG.info("on a virtual thread")).get(10, TimeUnit.SECONDS);
      }
      JsonNode line = only(captured.lines(), "on a virtual thread");
      assertThat(line.path("trace_id").asText()).isEqualTo(TRACE_ID);
      assertThat(line.path("span_id").asText()).isEqualTo(SPAN_ID);
      assertThat(line.path("tenant").asText()).isEqualTo("acme");
    }
  }

  @Test
  void mdcAndContextLeftOpenOnOneVirtualThreadDoNotReachTheNextOnTheSameCarrier() throws Exception {
    try (CapturedLines captured = new CapturedLines()) {
      Thread first = Thread.ofVirtual().start(() -> {
        MDC.put("order_id", "o-1"); // never removed, and a context never closed: bugs in application code
        ObservaContext.current().withTenant("acme").makeCurrent();
        LOG.info("first");
      });
      assertThat(first.join(Duration.ofSeconds(10))).isTrue();
      Thread second = Thread.ofVirtual().start(() -> LOG.info("second"));
      assertThat(second.join(Duration.ofSeconds(10))).isTrue();

      List<JsonNode> lines = captured.lines();
      assertThat(only(lines, "first").path("order_id").asText()).isEqualTo("o-1");
      JsonNode next = only(lines, "second");
      assertThat(next.has("order_id")).isFalse();
      assertThat(next.has("tenant")).isFalse();
      assertThat(next.has("trace_id")).isFalse();
    }
  }

  private static JsonNode only(List<JsonNode> lines, String body) {
    List<JsonNode> matching = lines.stream().filter(line -> line.path("body").asText().equals(body)).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }
}
