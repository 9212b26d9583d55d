package dev.observa.spring;

import dev.observa.tracing.RecentTraces;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code GET /actuator/traces} (recent trace ids, newest first) and {@code GET /actuator/traces/{traceId}}
 * (that trace's spans): the embedded default, so a service shows its own traces with no tracing backend.
 *
 * @since 0.1.0
 */
@Endpoint(id = "traces")
public class RecentTracesEndpoint {
  private final RecentTraces traces;

  /** @param traces the in-memory store */
  public RecentTracesEndpoint(RecentTraces traces) {
    this.traces = traces;
  }

  /** @return the kept trace ids, newest first */
  @ReadOperation
  public List<String> traceIds() {
    return traces.traceIds();
  }

  /**
   * @param traceId a trace id
   * @return its spans in end order
   */
  @ReadOperation
  public List<Map<String, Object>> trace(@Selector String traceId) {
    List<Map<String, Object>> spans = new ArrayList<>();
    for (SpanData span : traces.trace(traceId)) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("name", span.getName());
      view.put("spanId", span.getSpanId());
      view.put("parentSpanId", span.getParentSpanContext().isValid() ? span.getParentSpanId() : null);
      view.put("kind", span.getKind().name());
      view.put("service", span.getResource().getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey("service.name")));
      view.put("status", span.getStatus().getStatusCode().name());
      view.put("durationMicros", (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1000);
      Map<String, Object> attributes = new LinkedHashMap<>();
      span.getAttributes().forEach((key, value) -> attributes.put(key.getKey(), value));
      view.put("attributes", attributes);
      List<Map<String, Object>> events = new ArrayList<>();
      for (EventData event : span.getEvents()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", event.getName());
        event.getAttributes().forEach((key, value) -> e.put(key.getKey(), value));
        events.add(e);
      }
      view.put("events", events);
      spans.add(view);
    }
    return spans;
  }
}
