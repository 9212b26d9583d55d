package dev.observa.spring.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Where the trace id of a request's SERVER span is remembered when the span starts — a servlet request attribute,
 * or an entry of WebFlux's server observation context — so what is written after the span's scope closed (an
 * error page, a problem detail written on another thread) can still name the trace.
 *
 * <pre>{@code
 * request.setAttribute(ExchangeTraceIds.ATTRIBUTE, ExchangeTraceIds.current());
 * }</pre>
 */
public final class ExchangeTraceIds {
  /** The key holding the trace id, 32 lower-case hex digits. */
  public static final String ATTRIBUTE = "dev.observa.spring.RequestTraceIds.traceId";

  private ExchangeTraceIds() {}

  /** @return the trace id of the current span, or null when it is invalid */
  public static String current() {
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? span.getTraceId() : null;
  }
}
