package dev.observa.metrics.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;

/**
 * Marks a span that supplied an exemplar with {@code exemplar=true}, once per span, so a tail sampler (for
 * example the OpenTelemetry Collector's {@code tail_sampling} processor with a {@code boolean_attribute}
 * policy) keeps every trace a Prometheus exemplar points at.
 *
 * <p>A span usually supplies several exemplars (its latency bucket, its request counter, one per scrape it
 * outlives). Setting the attribute again each time would count every repeat as a dropped attribute: the
 * OpenTelemetry SDK counts each {@code setAttribute} call, and exporters then send
 * {@code otel.dropped_attributes_count}. With the SDK on the class path the span is asked first; two
 * threads supplying the first exemplars of one span at the same instant may still both set it, which is
 * harmless. Never throws.
 */
final class ExemplarMark {
  /** The attribute set on a span that supplied an exemplar. */
  static final AttributeKey<Boolean> KEY = AttributeKey.booleanKey(ContextExemplarSpanContext.EXEMPLAR_ATTRIBUTE);

  private static final boolean SDK_PRESENT = present("io.opentelemetry.sdk.trace.ReadableSpan");

  private ExemplarMark() {}

  /**
   * Sets {@code exemplar=true} on the span unless it already carries it.
   *
   * @param span a recording span (a non-recording one ignores the call)
   */
  static void mark(Span span) {
    try {
      if (!span.isRecording() || SDK_PRESENT && SdkSpans.marked(span)) {
        return;
      }
      span.setAttribute(KEY, true);
    } catch (RuntimeException | LinkageError e) {
      // instrumentation never breaks the app: an exemplar without its mark is still an exemplar
    }
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, ExemplarMark.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Touches the SDK's types only when they are present. */
  private static final class SdkSpans {
    static boolean marked(Span span) {
      return span instanceof io.opentelemetry.sdk.trace.ReadableSpan readable
          && Boolean.TRUE.equals(readable.getAttribute(KEY));
    }
  }
}
