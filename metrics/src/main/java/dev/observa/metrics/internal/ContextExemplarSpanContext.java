package dev.observa.metrics.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Gives the exemplar samplers of prometheus-metrics instruments (Micrometer's meters in the shared registry)
 * the trace and span id of the shared context; Observa's own series take theirs in {@link LiveSeries}, by the
 * same rules. Only a sampled span yields an exemplar (an unsampled one would point at a trace no backend has), and the span that
 * supplies one is marked {@code exemplar=true}, once ({@link ExemplarMark}), so tail samplers keep it.
 */
public final class ContextExemplarSpanContext implements io.prometheus.metrics.tracer.common.SpanContext {
  /** The attribute set on a span that supplied an exemplar. */
  public static final String EXEMPLAR_ATTRIBUTE = "exemplar";

  @Override
  public String getCurrentTraceId() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : null;
  }

  @Override
  public String getCurrentSpanId() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() ? context.getSpanId() : null;
  }

  @Override
  public boolean isCurrentSpanSampled() {
    SpanContext context = Span.current().getSpanContext();
    return context.isValid() && context.isSampled();
  }

  @Override
  public void markCurrentSpanAsExemplar() {
    ExemplarMark.mark(Span.current());
  }
}
