package dev.observa.logging;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

/**
 * The server span of one request, kept for the log lines a web container writes after the request's
 * span scope has closed (Tomcat logs "Servlet.service() … threw exception" once the filter chain has
 * returned). The container makes a context holding an empty {@code RequestCorrelation} current for the whole
 * request; whoever starts the SERVER span under it records the span here; the log correlation
 * ({@link CorrelatingAppender}, {@link ObservaAsyncAppender}) uses it when no span is current.
 *
 * <pre>{@code
 * try (Scope scope = RequestCorrelation.attach(Context.current()).makeCurrent()) {
 *   next.invoke(request, response);   // a span processor calls RequestCorrelation.from(parent).serverSpan(span)
 * }
 * }</pre>
 *
 * <p>Thread-safe: the span is published through a volatile field; only the first valid span is kept.
 *
 * @since 0.1.0
 */
public final class RequestCorrelation {
  private static final ContextKey<RequestCorrelation> KEY = ContextKey.named("observa-request-correlation");

  private volatile SpanContext serverSpan = SpanContext.getInvalid();

  private RequestCorrelation() {}

  /**
   * @param context the request's outer context
   * @return a copy of {@code context} holding a new, empty correlation
   */
  public static Context attach(Context context) {
    return (context == null ? Context.root() : context).with(KEY, new RequestCorrelation());
  }

  /**
   * @param context any context, or null
   * @return the correlation the context holds, or null
   */
  public static RequestCorrelation from(Context context) {
    return context == null ? null : context.get(KEY);
  }

  /** @param span the request's SERVER span; ignored when invalid or when one is already recorded */
  public void serverSpan(SpanContext span) {
    if (span != null && span.isValid() && !serverSpan.isValid()) {
      serverSpan = span;
    }
  }

  /** @return the request's SERVER span, or an invalid span context before one started */
  public SpanContext serverSpan() {
    return serverSpan;
  }
}
