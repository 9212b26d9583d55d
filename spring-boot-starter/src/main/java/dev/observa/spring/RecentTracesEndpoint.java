package dev.observa.spring;

import dev.observa.spi.ObservaSettings;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code GET /actuator/traces} (recent trace ids, newest first) and {@code GET /actuator/traces/{traceId}}
 * (that trace's spans; 404 for an unknown or malformed id): the embedded default, so a service shows its own
 * traces with no tracing backend. Not exposed over HTTP unless the application exposes it
 * ({@code management.endpoints.web.exposure.include=traces}). What it serves is bounded by the store (trace
 * count, spans per trace, memory budget, span limits), and every attribute value passes through the redaction
 * hook.
 *
 * <pre>{@code
 * new RecentTracesEndpoint(obs.unwrap(RecentTraces.class), RecentTracesEndpoint.redacting(obs.settings()));
 * }</pre>
 *
 * @since 0.1.0
 */
@Endpoint(id = "traces")
public class RecentTracesEndpoint {
  private final RecentTraces traces;
  private final BiFunction<String, Object, Object> attributeView;

  /**
   * @param traces the in-memory store
   * @param attributeView what is shown for an attribute (key, value): the redaction hook
   */
  public RecentTracesEndpoint(RecentTraces traces, BiFunction<String, Object, Object> attributeView) {
    this.traces = traces;
    this.attributeView = attributeView;
  }

  /**
   * @param settings the facade's settings
   * @return a view through the settings' one redaction policy: secret keys masked, URLs and query strings
   *     without credentials, secrets found in text replaced
   */
  public static BiFunction<String, Object, Object> redacting(ObservaSettings settings) {
    return (key, value) -> value instanceof String text ? settings.redaction().value(key, text)
        : settings.isRedacted(key) ? ObservaSettings.REDACTED : value;
  }

  /** @return the kept trace ids, newest first */
  @ReadOperation
  public List<String> traceIds() {
    return traces.traceIds();
  }

  /**
   * @param traceId a trace id
   * @return its spans in end order, or null (404) when the store holds none
   */
  @ReadOperation
  public List<Map<String, Object>> trace(@Selector String traceId) {
    if (traceId == null || traceId.length() != 32 || !traces.contains(traceId)) {
      return null;
    }
    List<Map<String, Object>> spans = new ArrayList<>();
    for (SpanData span : traces.trace(traceId)) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("name", span.getName());
      view.put("spanId", span.getSpanId());
      view.put("parentSpanId", span.getParentSpanContext().isValid() ? span.getParentSpanId() : null);
      view.put("kind", span.getKind().name());
      view.put("service", span.getResource().getAttribute(AttributeKey.stringKey("service.name")));
      view.put("status", span.getStatus().getStatusCode().name());
      view.put("durationMicros", (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1000);
      view.put("attributes", attributes(span.getAttributes(), new LinkedHashMap<>()));
      List<Map<String, Object>> events = new ArrayList<>();
      for (EventData event : span.getEvents()) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", event.getName());
        events.add(attributes(event.getAttributes(), e));
      }
      view.put("events", events);
      spans.add(view);
    }
    return spans.isEmpty() ? null : spans;
  }

  private Map<String, Object> attributes(Attributes attributes, Map<String, Object> into) {
    attributes.forEach((key, value) -> into.put(key.getKey(), attributeView.apply(key.getKey(), value)));
    return into;
  }
}
