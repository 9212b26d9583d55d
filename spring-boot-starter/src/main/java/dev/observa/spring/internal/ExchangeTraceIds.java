package dev.observa.spring.internal;

import dev.observa.logging.RequestCorrelation;
import io.micrometer.observation.Observation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/**
 * The trace id for what is written after a request's span scope closed (an error page, a problem detail written on
 * another thread), by one rule for every server stack: the span Observa started for the request's server observation
 * ({@link ObservedSpan}), else the current span, else the request's recorded server span ({@link #current()}: another
 * instrumentation started it, or no Observation was made).
 *
 * <pre>{@code
 * String traceId = ExchangeTraceIds.of(ServerHttpObservationFilter.findObservationContext(request).orElse(null));
 * }</pre>
 */
public final class ExchangeTraceIds {
  private ExchangeTraceIds() {}

  /**
   * @param observation the request's server observation context, or null when none was found
   * @return the trace id of the span Observa started for it, else {@link #current()}'s; null when there is none
   */
  public static String of(Observation.ContextView observation) {
    String observed = ObservedSpan.traceId(observation);
    return observed != null ? observed : current();
  }

  /**
   * @return the trace id of the current span; else of the SERVER span recorded for the request the container is
   *     serving on this thread ({@link RequestCorrelation}, whoever started the span); null when neither is valid
   */
  public static String current() {
    Context context = Context.current();
    SpanContext span = Span.fromContext(context).getSpanContext();
    if (!span.isValid()) {
      RequestCorrelation request = RequestCorrelation.from(context);
      span = request == null ? span : request.serverSpan();
    }
    return span.isValid() ? span.getTraceId() : null;
  }
}
