package dev.observa.tracing.internal;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A {@code tracestate} validated by {@link TraceStateRules} (trace-context level 2 keys, which
 * OpenTelemetry's own parser still rejects), kept in header order. Immutable.
 */
final class ListTraceState implements TraceState {
  private final Map<String, String> entries;

  private ListTraceState(Map<String, String> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  /** @param canonical a header already validated by {@link TraceStateRules#validate} */
  static ListTraceState parse(String canonical) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (String member : canonical.split(",")) {
      int eq = member.indexOf('=');
      entries.put(member.substring(0, eq), member.substring(eq + 1));
    }
    return new ListTraceState(entries);
  }

  @Override
  public String get(String key) {
    return entries.get(key);
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public void forEach(BiConsumer<String, String> consumer) {
    entries.forEach(consumer);
  }

  @Override
  public Map<String, String> asMap() {
    return entries;
  }

  @Override
  public TraceStateBuilder toBuilder() {
    TraceStateBuilder builder = TraceState.builder();
    java.util.List<Map.Entry<String, String>> reversed = new java.util.ArrayList<>(entries.entrySet());
    Collections.reverse(reversed);
    reversed.forEach(entry -> builder.put(entry.getKey(), entry.getValue()));
    return builder;
  }

  @Override
  public String toString() {
    return "ListTraceState" + entries;
  }
}
