package dev.observa.trace;

import dev.observa.context.ObservaContext;
import dev.observa.spi.ObservaSettings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A started span that is current until {@link #close()}, which restores the previous context and ends
 * the span. Use it with try-with-resources, on the thread that started it.
 *
 * <pre>{@code
 * try (ActiveSpan span = obs.span("formatString").startActive()) {
 *   String text = "Hello, " + name + "!";
 *   span.event("string-format", "value", text);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ActiveSpan implements AutoCloseable {
  private final Span span;
  private final Context context;
  private final Scope scope;
  private final ObservaSettings settings;
  private final int maxLength;
  private boolean closed;
  private boolean scopeClosed;

  ActiveSpan(Span span, Context context, Scope scope, ObservaSettings settings, int maxLength) {
    this.span = span;
    this.context = context;
    this.scope = scope;
    this.settings = settings;
    this.maxLength = maxLength;
  }

  /** @return the OpenTelemetry span */
  public Span span() {
    return span;
  }

  /** @return the shared context with this span current */
  public ObservaContext context() {
    return ObservaContext.from(context);
  }

  /**
   * @return the OpenTelemetry context holding this span (its parent's context plus the span), as
   *     {@code context().otelContext()} without a wrapper
   * @since 0.1.0
   */
  public Context otelContext() {
    return context;
  }

  /**
   * @param name event name
   * @return this
   */
  public ActiveSpan event(String name) {
    if (name != null) {
      span.addEvent(name);
    }
    return this;
  }

  /**
   * Adds an event with one string attribute, e.g. {@code event("string-format", "value", text)}.
   *
   * @param name event name
   * @param key attribute key; the value passes the redaction policy
   * @param value attribute value
   * @return this
   */
  public ActiveSpan event(String name, String key, String value) {
    if (name != null && key != null && value != null) {
      span.addEvent(name, Attributes.builder().put(key, SpanBuilder.bounded(settings.redaction().value(key, value),
          maxLength)).build());
    } else {
      event(name);
    }
    return this;
  }

  /**
   * @param key attribute key; the value passes the redaction policy, then the length limit
   * @param value the value; null is ignored
   * @return this
   */
  public ActiveSpan attribute(String key, String value) {
    if (key != null && value != null) {
      AttributeKeys.StringKey named = AttributeKeys.SHARED.string(key);
      span.setAttribute(named.key, named.safe(settings.redaction(), value, maxLength));
    }
    return this;
  }

  /**
   * @param key attribute key
   * @param value the value
   * @return this
   */
  public ActiveSpan attribute(String key, long value) {
    if (key != null) {
      span.setAttribute(AttributeKeys.SHARED.longKey(key), value);
    }
    return this;
  }

  /**
   * Records the exception as a span event (messages redacted, causes and frames bounded) and sets status
   * ERROR. Never throws, whatever the exception's methods do.
   *
   * @param error the exception; null is ignored
   * @return this
   */
  public ActiveSpan recordException(Throwable error) {
    if (error != null) {
      SpanBuilder.markError(span, error, settings, maxLength);
    }
    return this;
  }

  /**
   * @param description why the operation failed
   * @return this
   */
  public ActiveSpan error(String description) {
    span.setStatus(StatusCode.ERROR, description == null ? ""
        : SpanBuilder.bounded(settings.redaction().text(description), maxLength));
    return this;
  }

  /**
   * Restores the previous context now, on this thread, and leaves the span running: for work that
   * completes later elsewhere (a {@code CompletionStage}). Call {@link #close()} when it completes, from any
   * thread, to end the span.
   *
   * @return this
   */
  public ActiveSpan detach() {
    if (!scopeClosed) {
      scopeClosed = true;
      scope.close();
    }
    return this;
  }

  /** Restores the previous context (unless {@link #detach() detached}) and ends the span; later calls do nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      detach();
    } finally {
      span.end();
    }
  }
}
