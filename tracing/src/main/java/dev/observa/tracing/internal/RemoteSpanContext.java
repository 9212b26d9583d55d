package dev.observa.tracing.internal;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * A span context read from a {@code traceparent} header whose ids were already checked while parsing
 * (lower-case hex of the right length, not all zero), so they are not checked again, as OpenTelemetry's
 * factory would. Always valid and remote. Equal to any valid remote {@link SpanContext} with the same ids,
 * flags and state.
 */
final class RemoteSpanContext implements SpanContext {
  private final String traceId;
  private final String spanId;
  private final TraceFlags flags;
  private final TraceState state;

  RemoteSpanContext(String traceId, String spanId, TraceFlags flags, TraceState state) {
    this.traceId = traceId;
    this.spanId = spanId;
    this.flags = flags;
    this.state = state;
  }

  /** @return this context with another trace state */
  RemoteSpanContext withTraceState(TraceState other) {
    return new RemoteSpanContext(traceId, spanId, flags, other);
  }

  @Override
  public String getTraceId() {
    return traceId;
  }

  @Override
  public String getSpanId() {
    return spanId;
  }

  @Override
  public TraceFlags getTraceFlags() {
    return flags;
  }

  @Override
  public TraceState getTraceState() {
    return state;
  }

  @Override
  public boolean isValid() {
    return true;
  }

  @Override
  public boolean isRemote() {
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SpanContext that && that.isRemote() && that.isValid() && traceId.equals(that.getTraceId())
        && spanId.equals(that.getSpanId()) && flags.equals(that.getTraceFlags()) && state.equals(that.getTraceState());
  }

  @Override
  public int hashCode() {
    return ((traceId.hashCode() * 31 + spanId.hashCode()) * 31 + flags.hashCode()) * 31 + state.hashCode();
  }

  @Override
  public String toString() {
    return "RemoteSpanContext{traceId=" + traceId + ", spanId=" + spanId + ", traceFlags=" + flags + ", traceState="
        + state + "}";
  }
}
