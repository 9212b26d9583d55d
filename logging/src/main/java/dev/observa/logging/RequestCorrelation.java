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
 * try (Scope scope = RequestCorrelation.newRequest().makeCurrent()) {
 *   next.invoke(request, response);   // a span processor calls RequestCorrelation.from(parent).serverSpan(span)
 * }
 * }</pre>
 *
 * <p>A request's context made by {@link #newRequest} holds the correlation and nothing else, which
 * {@link #isNewRequest} recognizes: a server can extract the caller's headers onto it as onto
 * {@link Context#root()}, without making the root context current around the extraction, and the request's span
 * then has the correlation in its parent.
 *
 * <p>Thread-safe: the span is published through a volatile field; only the first valid span is kept.
 *
 * @since 0.1.0
 */
public final class RequestCorrelation {
  private static final ContextKey<RequestCorrelation> KEY = ContextKey.named("observa-request-correlation");

  private volatile SpanContext serverSpan = SpanContext.getInvalid();
  /**
   * The context {@link #newRequest} made holding this correlation, else null. Written before that context is
   * returned; a thread that sees null only takes {@link #isNewRequest}'s slower answer.
   */
  private Context requestContext;

  private RequestCorrelation() {}

  /**
   * @param context the request's outer context
   * @return a copy of {@code context} holding a new, empty correlation
   */
  public static Context attach(Context context) {
    return (context == null ? Context.root() : context).with(KEY, new RequestCorrelation());
  }

  /**
   * @return the root context holding a new, empty correlation: the context a web container makes current for a
   *     request, which starts from nothing a pooled thread may have left current
   */
  public static Context newRequest() {
    RequestCorrelation correlation = new RequestCorrelation();
    Context context = Context.root().with(KEY, correlation);
    correlation.requestContext = context;
    return context;
  }

  /**
   * @param context any context, or null
   * @return whether it is one {@link #newRequest} made, so it holds a correlation and nothing else
   */
  public static boolean isNewRequest(Context context) {
    RequestCorrelation correlation = from(context);
    return correlation != null && correlation.requestContext == context;
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
