package dev.observa.test.contract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.observa.Observa;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link RemoteHopTraceContract} reads of a span, from the recent-trace store of an application in the test's
 * JVM ({@link #recent}) or from the JSON of {@code GET /actuator/traces/{traceId}} of one in another process
 * ({@link #fromJson}).
 *
 * @param kind {@code SERVER}, {@code CLIENT}, {@code PRODUCER}, {@code CONSUMER} or {@code INTERNAL}
 * @param spanId the span's id
 * @param parentSpanId its parent's id, {@code 0000000000000000} for a root
 * @param attributes its attributes as text
 */
public record HopSpan(String kind, String spanId, String parentSpanId, Map<String, String> attributes) {

  /** @return the spans of {@code traceId} in the recent-trace store of {@code observa} */
  public static List<HopSpan> recent(Observa observa, String traceId) {
    return observa.unwrap(RecentTraces.class).trace(traceId).stream().map(HopSpan::of).toList();
  }

  /** @return the span as the contract reads it */
  public static HopSpan of(SpanData span) {
    Map<String, String> attributes = new TreeMap<>();
    span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
    return new HopSpan(span.getKind().name(), span.getSpanId(), span.getParentSpanId(), attributes);
  }

  /** @return the span of one element of the {@code /actuator/traces/{traceId}} answer */
  public static HopSpan fromJson(JsonNode span) {
    Map<String, String> attributes = new TreeMap<>();
    span.path("attributes").properties().forEach(field -> attributes.put(field.getKey(), field.getValue().asText()));
    return new HopSpan(span.path("kind").asText(), span.path("spanId").asText(), span.path("parentSpanId").asText(),
        attributes);
  }

  /** @return the attribute's value, null when absent */
  public String attribute(String key) {
    return attributes.get(key);
  }
}
