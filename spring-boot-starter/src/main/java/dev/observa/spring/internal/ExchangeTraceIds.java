package dev.observa.spring.internal;

import dev.observa.logging.RequestCorrelation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/**
 * The trace id for what is written after a request's span scope closed (an error page, a problem detail written on
 * another thread) when the span was not found through the server observation ({@link ObservedSpan}): another
 * instrumentation started it, or no Observation was made.
 *
 * <pre>{@code
 * String traceId = ExchangeTraceIds.current();   // null when there is no valid span
 * }</pre>
 */
public final class ExchangeTraceIds {
  private ExchangeTraceIds() {}

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
