package dev.observa.tracing.internal;

import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TraceStateBuilder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A {@code tracestate} that OpenTelemetry's own {@link TraceState} cannot hold: one with a Level 2 key
 * (such as {@code foo@@bar} or a 244-character {@code tenant@v}) that its builder still rejects. Entries in
 * header order; immutable; equal to another {@code ListTraceState} with the same entries in the same order.
 * It is never equal to OpenTelemetry's implementation, which cannot hold such a key: {@link #of} returns
 * OpenTelemetry's own value whenever it can represent the entries, so equality holds both ways.
 */
final class ListTraceState implements TraceState {
  /** {@code key, value} pairs. */
  private final String[] pairs;

  private ListTraceState(String[] pairs) {
    this.pairs = pairs;
  }

  /**
   * @param pairs validated {@code key, value} pairs (see {@link TraceStateRules#parse}), distinct keys
   * @return OpenTelemetry's trace state with these entries in this order, or a {@code ListTraceState} when
   *     OpenTelemetry's builder rejects one of them
   */
  static TraceState of(String[] pairs) {
    if (pairs.length == 0) {
      return TraceState.getDefault();
    }
    TraceStateBuilder builder = TraceState.builder();
    for (int i = pairs.length - 2; i >= 0; i -= 2) {
      builder.put(pairs[i], pairs[i + 1]); // each put moves its entry to the front
    }
    TraceState state = builder.build();
    return state.size() == pairs.length / 2 ? state : new ListTraceState(pairs);
  }

  @Override
  public String get(String key) {
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i].equals(key)) {
        return pairs[i + 1];
      }
    }
    return null;
  }

  @Override
  public int size() {
    return pairs.length / 2;
  }

  @Override
  public boolean isEmpty() {
    return pairs.length == 0;
  }

  @Override
  public void forEach(BiConsumer<String, String> consumer) {
    for (int i = 0; i < pairs.length; i += 2) {
      consumer.accept(pairs[i], pairs[i + 1]);
    }
  }

  @Override
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    forEach(map::put);
    return Collections.unmodifiableMap(map);
  }

  /** OpenTelemetry's builder, which keeps only the entries it accepts. */
  @Override
  public TraceStateBuilder toBuilder() {
    TraceStateBuilder builder = TraceState.builder();
    for (int i = pairs.length - 2; i >= 0; i -= 2) {
      builder.put(pairs[i], pairs[i + 1]);
    }
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ListTraceState that && Arrays.equals(pairs, that.pairs);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(pairs);
  }

  @Override
  public String toString() {
    return "ListTraceState" + asMap();
  }
}
