package dev.observa.trace;

import dev.observa.context.DeclaredKey;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import dev.observa.spi.ObservaSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Starts a span as a child of the current context (or of an explicit parent), with the declared
 * context keys (baggage, tenant) copied onto it as attributes and secret attribute values redacted.
 *
 * <pre>{@code
 * try (ActiveSpan span = obs.span("say-hello").attribute("hello-to", name).startActive()) {
 *   String text = obs.span("formatString").call(() -> format(name));   // a child of say-hello
 *   span.event("println");
 * }
 * }</pre>
 *
 * <p>Because children are parented by the current context, the default helpers cannot produce the
 * "three separate traces" mistake. No method throws on bad input: a null name becomes {@code unnamed},
 * null attribute keys are ignored. Attributes are set through {@code AttributeKey}s kept by name (a bounded
 * set), so setting one allocates no key object, where the SDK's {@code setAttribute(String, …)} makes one per
 * call. String values longer than the backend's attribute length limit ({@value #DEFAULT_MAX_ATTRIBUTE_LENGTH}
 * characters by default, {@code OTEL_[SPAN_]ATTRIBUTE_VALUE_LENGTH_LIMIT} when set) are cut here, after redaction,
 * so a value from a request is bounded before it reaches the SDK whatever the SDK's own limit. Not thread-safe; use
 * once.
 *
 * @since 0.1.0
 */
public final class SpanBuilder {
  /**
   * The longest string attribute value Observa's span API keeps when no limit is configured (the OpenTelemetry
   * specification's default is unlimited).
   *
   * @since 0.1.0
   */
  public static final int DEFAULT_MAX_ATTRIBUTE_LENGTH = 4096;

  private final io.opentelemetry.api.trace.SpanBuilder delegate;
  private final ObservaSettings settings;
  private final int maxLength;
  private Context parent;
  private boolean root;

  /**
   * @param tracer the tracer to start the span with
   * @param settings routing and redaction settings
   * @param name the span name
   */
  public SpanBuilder(Tracer tracer, ObservaSettings settings, String name) {
    this(tracer, settings, name, DEFAULT_MAX_ATTRIBUTE_LENGTH);
  }

  /**
   * @param tracer the tracer to start the span with
   * @param settings routing and redaction settings
   * @param name the span name
   * @param maxLength the longest string attribute value kept (longer ones are cut); {@code >= 0}
   * @since 0.1.0
   */
  public SpanBuilder(Tracer tracer, ObservaSettings settings, String name, int maxLength) {
    this.delegate = tracer.spanBuilder(name == null || name.isEmpty() ? "unnamed" : name);
    this.settings = settings;
    this.maxLength = Math.max(0, maxLength);
  }

  /**
   * @param kind the span kind; null is ignored
   * @return this
   */
  public SpanBuilder kind(SpanKind kind) {
    if (kind != null) {
      delegate.setSpanKind(kind);
    }
    return this;
  }

  /**
   * @param parent an explicit parent context (local or extracted from a remote caller)
   * @return this
   */
  public SpanBuilder parent(ObservaContext parent) {
    this.parent = parent == null ? null : parent.otelContext();
    this.root = false;
    return this;
  }

  /**
   * @param parent an explicit parent OpenTelemetry context
   * @return this
   */
  public SpanBuilder parent(Context parent) {
    this.parent = parent;
    this.root = false;
    return this;
  }

  /** @return this, starting a new trace regardless of the current context */
  public SpanBuilder noParent() {
    this.parent = null;
    this.root = true;
    return this;
  }

  /**
   * @param linked a span context this span refers to (a span reference across traces)
   * @return this
   */
  public SpanBuilder link(SpanContext linked) {
    if (linked != null && linked.isValid()) {
      delegate.addLink(linked);
    }
    return this;
  }

  /**
   * @param key attribute key; the value passes the redaction policy (secret keys, URLs, secrets in text)
   * @param value the value; null is ignored
   * @return this
   */
  public SpanBuilder attribute(String key, String value) {
    if (key != null && value != null) {
      AttributeKeys.StringKey named = AttributeKeys.SHARED.string(key);
      delegate.setAttribute(named.key, named.safe(settings.redaction(), value, maxLength));
    }
    return this;
  }

  /**
   * @param key attribute key
   * @param value the value
   * @return this
   */
  public SpanBuilder attribute(String key, long value) {
    if (key != null) {
      delegate.setAttribute(AttributeKeys.SHARED.longKey(key), value);
    }
    return this;
  }

  /**
   * @param key attribute key
   * @param value the value
   * @return this
   */
  public SpanBuilder attribute(String key, double value) {
    if (key != null) {
      delegate.setAttribute(AttributeKeys.SHARED.doubleKey(key), value);
    }
    return this;
  }

  /**
   * @param key attribute key
   * @param value the value
   * @return this
   */
  public SpanBuilder attribute(String key, boolean value) {
    if (key != null) {
      delegate.setAttribute(AttributeKeys.SHARED.booleanKey(key), value);
    }
    return this;
  }

  /**
   * Starts the span without making it current. End it with {@link Span#end()}.
   *
   * @return the started span
   */
  public Span start() {
    return startIn(parentContext());
  }

  /**
   * Starts the span and makes it current until the returned handle is closed.
   *
   * @return the active span; close it with try-with-resources
   */
  public ActiveSpan startActive() {
    Context parentContext = parentContext();
    Span span = startIn(parentContext);
    Context context = parentContext.with(span);
    return new ActiveSpan(span, context, context.makeCurrent(), settings, maxLength);
  }

  /**
   * Starts the span without making it current: the handle of an instrumentation that opens and closes the
   * span's scopes itself (an Observation handler), as {@code startActive().detach()} without attaching a
   * context only to restore the previous one.
   *
   * <pre>{@code
   * ActiveSpan span = obs.span("work").parent(parent).startDetached();
   * try (Scope scope = span.otelContext().makeCurrent()) { ... }
   * span.close();
   * }</pre>
   *
   * @return the span's handle, already detached; closing it ends the span
   * @since 0.1.0
   */
  public ActiveSpan startDetached() {
    Context parentContext = parentContext();
    Span span = startIn(parentContext);
    return new ActiveSpan(span, parentContext.with(span), Scope.noop(), settings, maxLength).detach();
  }

  /**
   * Runs the task inside the span; an exception is recorded, sets status ERROR and is rethrown unchanged.
   *
   * @param task the work
   */
  public void run(Runnable task) {
    try (ActiveSpan span = startActive()) {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        span.recordException(e);
        throw e;
      }
    }
  }

  /**
   * Calls the task inside the span; see {@link #run}.
   *
   * @param task the work
   * @param <T> the result type
   * @return the task's result
   * @throws Exception whatever the task throws, unchanged
   */
  public <T> T call(Callable<T> task) throws Exception {
    try (ActiveSpan span = startActive()) {
      try {
        return task.call();
      } catch (Exception | Error e) {
        span.recordException(e);
        throw e;
      }
    }
  }

  private Context parentContext() {
    return parent != null ? parent : Context.current();
  }

  private Span startIn(Context parentContext) {
    if (root) {
      delegate.setNoParent();
    } else {
      delegate.setParent(parentContext);
    }
    if (settings.declaredKeys().mayHaveValues(Route.SPAN_ATTRIBUTE)) {
      copyDeclaredKeys(parentContext);
    }
    return delegate.startSpan();
  }

  /**
   * Reads the context directly (no snapshot) through the one accessor, for the keys worked out once as reaching span
   * attributes (by default the tenant alone): this runs on every span start.
   */
  private void copyDeclaredKeys(Context context) {
    List<DeclaredKey> keys = settings.declaredKeys().routedTo(Route.SPAN_ATTRIBUTE);
    for (int i = 0, n = keys.size(); i < n; i++) {
      DeclaredKey key = keys.get(i);
      String value = settings.contextValue(context, key, Route.SPAN_ATTRIBUTE);
      if (value != null) {
        delegate.setAttribute(AttributeKeys.SHARED.string(key.name()).key, bounded(value, maxLength));
      }
    }
  }

  static void markError(Span span, Throwable error, ObservaSettings settings, int maxLength) {
    ExceptionEvent.record(span, error, settings.redaction(), maxLength);
  }

  /**
   * The one length rule of Observa's span API: at most {@code maxLength} chars, never ending in the first half of a
   * surrogate pair (so the cut value is still valid UTF-16 and encodes to valid UTF-8).
   *
   * @param value a value, may be null
   * @param maxLength the longest value kept
   * @return the value, or its first {@code maxLength} chars (one fewer when that would split a pair)
   */
  static String bounded(String value, int maxLength) {
    if (value == null || value.length() <= maxLength) {
      return value;
    }
    int end = maxLength > 0 && Character.isHighSurrogate(value.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
    return value.substring(0, end);
  }
}
