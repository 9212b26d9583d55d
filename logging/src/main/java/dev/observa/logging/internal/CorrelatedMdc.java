package dev.observa.logging.internal;

import dev.observa.context.DeclaredKey;
import dev.observa.context.Route;
import dev.observa.logging.RequestCorrelation;
import dev.observa.spi.ObservaSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The MDC a log event shows to every layout and formatter: the thread's MDC plus the ids of the span
 * current when the event was logged, under Micrometer's and Spring Boot's names ({@value #TRACE_ID},
 * {@value #SPAN_ID}) and OpenTelemetry's ({@value #OTEL_TRACE_ID}, {@value #OTEL_SPAN_ID},
 * {@value #OTEL_TRACE_FLAGS}), plus the context values declared for {@code Route.LOG} (through
 * {@link ObservaSettings#contextValue}, so redaction applies). Ids come from the captured context only,
 * never from a thread-local left behind, so a pooled thread cannot show a previous request's ids.
 */
public final class CorrelatedMdc {
  public static final String TRACE_ID = "traceId";
  public static final String SPAN_ID = "spanId";
  public static final String OTEL_TRACE_ID = "trace_id";
  public static final String OTEL_SPAN_ID = "span_id";
  public static final String OTEL_TRACE_FLAGS = "trace_flags";

  private CorrelatedMdc() {}

  /**
   * @param mdc the event's own MDC (may be null)
   * @param context the context captured when the event was logged
   * @param settings routing and redaction
   * @return {@code mdc} itself when there is nothing to add, else an unmodifiable merged copy
   */
  public static Map<String, String> merge(Map<String, String> mdc, Context context, ObservaSettings settings) {
    Map<String, String> own = mdc == null ? Map.of() : mdc;
    SpanContext span = span(context);
    Map<String, String> merged = null;
    if (span.isValid()) {
      merged = new HashMap<>(own);
      merged.put(TRACE_ID, span.getTraceId());
      merged.put(SPAN_ID, span.getSpanId());
      merged.put(OTEL_TRACE_ID, span.getTraceId());
      merged.put(OTEL_SPAN_ID, span.getSpanId());
      merged.put(OTEL_TRACE_FLAGS, span.getTraceFlags().asHex());
    }
    if (context != null) {
      for (DeclaredKey key : settings.declaredKeys().all()) {
        if (own.containsKey(key.name())) {
          continue; // the application's own MDC entry wins
        }
        String value = settings.contextValue(context, key, Route.LOG);
        if (value != null) {
          if (merged == null) {
            merged = new HashMap<>(own);
          }
          merged.put(key.name(), value);
        }
      }
    }
    return merged == null ? mdc : Collections.unmodifiableMap(merged);
  }

  /**
   * @param context the context captured when an event was logged
   * @return {@code context}, or a copy whose span is the request's SERVER span when no span is current in it
   */
  public static Context withRequestSpan(Context context) {
    if (context == null || Span.fromContext(context).getSpanContext().isValid()) {
      return context;
    }
    SpanContext request = span(context);
    return request.isValid() ? context.with(Span.wrap(request)) : context;
  }

  /** The current span, else the request's SERVER span recorded for the container's own lines. */
  public static SpanContext span(Context context) {
    if (context == null) {
      return SpanContext.getInvalid();
    }
    SpanContext span = Span.fromContext(context).getSpanContext();
    if (span.isValid()) {
      return span;
    }
    RequestCorrelation request = RequestCorrelation.from(context);
    return request == null ? span : request.serverSpan();
  }
}
