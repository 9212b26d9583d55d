package dev.observa.tracing.internal;

import dev.observa.context.Carriers;
import dev.observa.spi.Diagnostics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * W3C trace-context with the checks OpenTelemetry's propagator leaves out: every value of a repeated
 * header is read, a repeated {@code traceparent} invalidates the context (a fresh trace starts), header
 * sizes are capped before parsing, and {@code tracestate} is validated by {@link TraceStateRules}.
 * Injection is OpenTelemetry's.
 */
public final class ValidatingTraceContextPropagator implements TextMapPropagator {
  private static final String TRACEPARENT = "traceparent";
  private static final String TRACESTATE = "tracestate";
  private static final int MAX_TRACEPARENT = 512;
  private final W3CTraceContextPropagator w3c = W3CTraceContextPropagator.getInstance();

  @Override
  public Collection<String> fields() {
    return w3c.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    w3c.inject(context, carrier, setter);
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (carrier == null || getter == null) {
      return context;
    }
    List<String> parents = HeaderValues.all(carrier, getter, TRACEPARENT, MAX_TRACEPARENT);
    if (parents == null || parents.size() != 1) {
      if (parents == null || parents.size() > 1) {
        Diagnostics.warn("traceparent.invalid", "ignored an oversized or repeated traceparent header; a new trace starts");
      }
      return context;
    }
    // optional white space (space, tab) around the value is allowed by HTTP and by the W3C suite
    String parent = parents.get(0).strip();
    Context extracted = w3c.extract(context, Map.of(TRACEPARENT, parent), Carriers.mapGetter());
    SpanContext remote = Span.fromContext(extracted).getSpanContext();
    if (!remote.isValid() || !remote.isRemote()) {
      return extracted;
    }
    List<String> states = HeaderValues.all(carrier, getter, TRACESTATE, TraceStateRules.MAX_LENGTH * 4);
    if (states == null || states.isEmpty()) {
      return extracted;
    }
    String state = TraceStateRules.validate(String.join(",", states));
    if (state == null) {
      Diagnostics.warn("tracestate.invalid", "dropped an invalid tracestate header; the traceparent is kept");
      return extracted;
    }
    // OpenTelemetry's own tracestate parser rejects level-2 keys, so the validated list is carried as is
    return extracted.with(Span.wrap(SpanContext.createFromRemoteParent(remote.getTraceId(), remote.getSpanId(),
        remote.getTraceFlags(), ListTraceState.parse(state))));
  }
}
