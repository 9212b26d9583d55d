package dev.observa.spring.internal;

import io.micrometer.observation.Observation;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The span Observa's Observation handler started for an Observation, kept in the Observation's context under this
 * interface. What is written after the span's scope closed but still knows the Observation (a problem detail or
 * Boot's {@code /error} body, found through Spring's server observation context, which lives on through the
 * request's error and async dispatches) reads the trace id here: nothing is copied into the request when the span
 * starts.
 *
 * <pre>{@code
 * String traceId = ServerHttpObservationFilter.findObservationContext(request).map(ObservedSpan::traceId).orElse(null);
 * }</pre>
 */
public interface ObservedSpan {
  /** @return the span's context; valid or not, it never changes */
  SpanContext spanContext();

  /**
   * @param observation an Observation's context, or null
   * @return the trace id of the span Observa started for it; null when it has none or the span is not valid
   */
  static String traceId(Observation.ContextView observation) {
    ObservedSpan span = observation == null ? null : observation.get(ObservedSpan.class);
    SpanContext context = span == null ? null : span.spanContext();
    return context != null && context.isValid() ? context.getTraceId() : null;
  }
}
