package dev.observa.spring.internal;

import dev.observa.logging.RequestCorrelation;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Records each SERVER span in the {@link RequestCorrelation} of the request it starts under (the web
 * container makes one current for the whole request), so the container's own lines written after the span's
 * scope closed — Tomcat's "Servlet.service() … threw exception" — carry the request's trace id. Works
 * whoever starts the span (a filter, an Observation handler, the OpenTelemetry agent). Stateless, thread-safe.
 */
public final class ServerSpanCorrelation implements SpanProcessor {
  /** The one instance. */
  public static final ServerSpanCorrelation INSTANCE = new ServerSpanCorrelation();

  private ServerSpanCorrelation() {}

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {
    try {
      if (span.getKind() != SpanKind.SERVER) {
        return;
      }
      RequestCorrelation request = RequestCorrelation.from(parentContext);
      if (request == null) {
        request = RequestCorrelation.from(Context.current());
      }
      if (request != null) {
        request.serverSpan(span.getSpanContext());
      }
    } catch (RuntimeException | LinkageError e) {
      // never break span creation over log correlation
    }
  }

  @Override
  public boolean isStartRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {}

  @Override
  public boolean isEndRequired() {
    return false;
  }
}
