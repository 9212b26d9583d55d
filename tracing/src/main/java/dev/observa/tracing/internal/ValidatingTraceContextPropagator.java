package dev.observa.tracing.internal;

import dev.observa.spi.Diagnostics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * W3C trace-context with the checks OpenTelemetry's propagator leaves out: every value of a repeated
 * header is read, a repeated {@code traceparent} invalidates the context (a fresh trace starts), header
 * sizes are capped before parsing, {@code traceparent} is parsed in place (no intermediate strings but the
 * two ids), and {@code tracestate} is validated by {@link TraceStateRules}. Injection writes {@code traceparent}
 * directly, and hands over to OpenTelemetry when there is a {@code tracestate} to write too.
 */
public final class ValidatingTraceContextPropagator implements TextMapPropagator {
  private static final String TRACEPARENT = "traceparent";
  private static final String TRACESTATE = "tracestate";
  private static final int MAX_TRACEPARENT = 512;
  private static final int TRACEPARENT_LENGTH = 55;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private final W3CTraceContextPropagator w3c = W3CTraceContextPropagator.getInstance();

  @Override
  public Collection<String> fields() {
    return w3c.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (context == null || setter == null) {
      return;
    }
    SpanContext span = Span.fromContext(context).getSpanContext();
    if (!span.isValid()) {
      return;
    }
    if (!span.getTraceState().isEmpty()) {
      w3c.inject(context, carrier, setter); // OpenTelemetry writes tracestate as well
      return;
    }
    setter.set(carrier, TRACEPARENT, traceparent(span));
  }

  /** {@code 00-traceid-spanid-flags}, built in one 55-byte array. */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) copies ASCII (the ids are hex) exactly
  static String traceparent(SpanContext span) {
    byte[] out = new byte[TRACEPARENT_LENGTH];
    out[0] = '0';
    out[1] = '0';
    out[2] = '-';
    span.getTraceId().getBytes(0, 32, out, 3);
    out[35] = '-';
    span.getSpanId().getBytes(0, 16, out, 36);
    out[52] = '-';
    byte flags = span.getTraceFlags().asByte();
    out[53] = HEX[(flags >> 4) & 0xf];
    out[54] = HEX[flags & 0xf];
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (carrier == null || getter == null) {
      return context;
    }
    String parent = HeaderValues.joined(carrier, getter, TRACEPARENT, MAX_TRACEPARENT, true);
    if (parent == null) {
      return context;
    }
    if (parent == HeaderValues.OVERSIZED || parent == HeaderValues.REPEATED) {
      Diagnostics.warn("traceparent.invalid", "ignored an oversized or repeated traceparent header; a new trace starts");
      return context;
    }
    SpanContext remote = parseTraceparent(parent);
    if (remote == null) {
      return context;
    }
    String states = HeaderValues.joined(carrier, getter, TRACESTATE, TraceStateRules.MAX_LENGTH * 4, false);
    if (states != null && !states.isEmpty()) {
      String state = states == HeaderValues.OVERSIZED ? null : TraceStateRules.validate(states);
      if (state == null) {
        Diagnostics.warn("tracestate.invalid", "dropped an invalid tracestate header; the traceparent is kept");
      } else {
        // OpenTelemetry's own tracestate parser rejects level-2 keys, so the validated list is carried as is
        remote = SpanContext.createFromRemoteParent(remote.getTraceId(), remote.getSpanId(), remote.getTraceFlags(),
            ListTraceState.parse(state));
      }
    }
    return context.with(Span.wrap(remote));
  }

  /**
   * Parses {@code version-traceid-parentid-flags} in place. Optional white space (space, tab) around the
   * value is allowed, as HTTP and the W3C suite expect. Version {@code ff} is invalid; version {@code 00}
   * must be exactly 55 chars; a later version may carry more fields after a {@code -}. Hex is lower case.
   *
   * @return the remote span context, or null when the value is invalid
   */
  static SpanContext parseTraceparent(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isOws(value.charAt(start))) {
      start++;
    }
    while (end > start && isOws(value.charAt(end - 1))) {
      end--;
    }
    int length = end - start;
    if (length < TRACEPARENT_LENGTH || (length > TRACEPARENT_LENGTH && value.charAt(start + TRACEPARENT_LENGTH) != '-')
        || value.charAt(start + 2) != '-' || value.charAt(start + 35) != '-' || value.charAt(start + 52) != '-') {
      return null;
    }
    int v1 = lowerHex(value.charAt(start));
    int v2 = lowerHex(value.charAt(start + 1));
    int f1 = lowerHex(value.charAt(start + 53));
    int f2 = lowerHex(value.charAt(start + 54));
    if (v1 < 0 || v2 < 0 || f1 < 0 || f2 < 0 || (v1 == 15 && v2 == 15) || (v1 == 0 && v2 == 0 && length != TRACEPARENT_LENGTH)) {
      return null;
    }
    // the API validates the ids (lower-case hex, not all zero) and returns an invalid context otherwise
    SpanContext parsed = SpanContext.createFromRemoteParent(value.substring(start + 3, start + 35),
        value.substring(start + 36, start + 52), TraceFlags.fromByte((byte) (f1 << 4 | f2)), TraceState.getDefault());
    return parsed.isValid() ? parsed : null;
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  private static int lowerHex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }
}
