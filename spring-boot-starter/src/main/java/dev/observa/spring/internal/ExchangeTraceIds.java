package dev.observa.spring.internal;

import dev.observa.logging.RequestCorrelation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/**
 * Where the trace id of a request's SERVER span is remembered when the span starts — a servlet request attribute,
 * or an entry of WebFlux's server observation context — so what is written after the span's scope closed (an
 * error page, a problem detail written on another thread) can still name the trace. Observa's server observation
 * adapters write it; when another instrumentation started the span, {@link #current()} answers.
 *
 * <pre>{@code
 * request.setAttribute(ExchangeTraceIds.ATTRIBUTE, span.getSpanContext().getTraceId());
 * }</pre>
 */
public final class ExchangeTraceIds {
  /** The key holding the trace id, 32 lower-case hex digits. */
  public static final String ATTRIBUTE = "dev.observa.spring.RequestTraceIds.traceId";

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
