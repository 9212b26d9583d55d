package dev.observa.metrics.internal;

import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.Route;
import dev.observa.spi.ObservaSettings;
import io.opentelemetry.context.Context;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Exemplar labels for context keys declared with {@link Route#EXEMPLAR_LABEL}: {@code trace_id},
 * {@code span_id}, then each declared key present in the current context, as long as the whole label
 * set stays within the 128 characters OpenMetrics allows (Prometheus drops longer exemplars).
 */
final class ExemplarLabels {
  static final int MAX_CHARACTERS = 128;

  private final ObservaSettings settings;
  private final DeclaredKey[] keys;

  ExemplarLabels(ObservaSettings settings) {
    this.settings = settings;
    DeclaredKeys declared = settings.declaredKeys();
    List<DeclaredKey> list = new ArrayList<>();
    for (DeclaredKey key : declared.all()) {
      if (key.routesTo(Route.EXEMPLAR_LABEL)) {
        list.add(key);
      }
    }
    this.keys = list.toArray(DeclaredKey[]::new);
  }

  /**
   * Builds the labels for an exemplar of a sampled span and marks the span as having supplied one (once:
   * see {@link ExemplarMark}).
   *
   * @param span the current span
   * @param context its (valid, sampled) span context
   * @return the labels
   */
  Labels forSpan(Span span, SpanContext context) {
    Labels labels = Labels.of("span_id", context.getSpanId(), "trace_id", context.getTraceId());
    int length = "trace_id".length() + 32 + "span_id".length() + 16;
    Context current = Context.current();
    for (DeclaredKey key : keys) {
      String value = settings.contextValue(current, key, Route.EXEMPLAR_LABEL);
      String name = PrometheusNames.labelName(key.name());
      if (value != null && length + name.length() + value.length() <= MAX_CHARACTERS) {
        labels = labels.add(name, value);
        length += name.length() + value.length();
      }
    }
    ExemplarMark.mark(span);
    return labels;
  }
}
