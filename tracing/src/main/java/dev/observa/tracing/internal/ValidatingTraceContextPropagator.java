package dev.observa.tracing.internal;

import dev.observa.spi.Diagnostics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * W3C Trace Context Level 2 with the checks OpenTelemetry's propagator leaves out: every value of a repeated
 * header is read, a repeated {@code traceparent} invalidates the context (a fresh trace starts), header
 * sizes are capped before parsing, {@code traceparent} is parsed in place (no copy, no intermediate strings
 * but the two ids) into OpenTelemetry's own remote {@link SpanContext},
 * flags kept as sent (the {@code random} flag {@code 02} included), and {@code tracestate} is checked by
 * {@link TraceStateRules} (Level 2 key grammar, duplicates discarded, truncation). Injection writes
 * {@code traceparent} with only the two flags Level 2 defines ({@code sampled}, {@code random}) and the
 * {@code tracestate}: whole when the parent is passed through unchanged, else within 512 characters.
 */
public final class ValidatingTraceContextPropagator implements TextMapPropagator {
  private static final String TRACEPARENT = "traceparent";
  private static final String TRACESTATE = "tracestate";
  private static final int MAX_TRACEPARENT = 512;
  private static final int TRACEPARENT_LENGTH = 55;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  /** {@code -ff} for each flags byte. */
  private static final String[] FLAGS_SUFFIX = new String[256];
  /** Lower-case hex digit values by character, -1 for anything else. */
  private static final byte[] HEX_VALUE = new byte[128];

  static {
    java.util.Arrays.fill(HEX_VALUE, (byte) -1);
    for (int i = 0; i < 16; i++) {
      HEX_VALUE[HEX[i]] = (byte) i;
    }
    for (int i = 0; i < 256; i++) {
      FLAGS_SUFFIX[i] = "-" + (char) HEX[i >> 4] + (char) HEX[i & 0xf];
    }
  }

  private static final List<String> FIELDS = List.of(TRACEPARENT, TRACESTATE);
  /** The flags Level 2 defines: {@code sampled} (01) and {@code random} (02); others are sent as zero. */
  private static final int KNOWN_FLAGS = 0x03;

  @Override
  public Collection<String> fields() {
    return FIELDS;
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
    setter.set(carrier, TRACEPARENT, traceparent(span));
    TraceState state = span.getTraceState();
    if (!state.isEmpty()) {
      // "If the value of the traceparent field wasn't changed before propagation, tracestate MUST NOT be
      // modified as well": a remote parent passed through goes on whole, a new span's state within 512
      String header = tracestate(state, !span.isRemote());
      if (!header.isEmpty()) {
        setter.set(carrier, TRACESTATE, header);
      }
    }
  }

  /** {@code 00-traceid-spanid-flags}: one concatenation, which allocates the 55 bytes once. */
  static String traceparent(SpanContext span) {
    return "00-" + span.getTraceId() + '-' + span.getSpanId()
        + FLAGS_SUFFIX[span.getTraceFlags().asByte() & KNOWN_FLAGS];
  }

  /**
   * @param truncate whether to keep within {@value TraceStateRules#MAX_LENGTH} characters
   * @return the entries in order, {@code k=v,k=v}
   */
  static String tracestate(TraceState state, boolean truncate) {
    // one pass straight into the header; only a header over the limit is rebuilt by whole entries
    StringBuilder header = new StringBuilder(32 * state.size());
    state.forEach((key, value) -> {
      if (header.length() > 0) {
        header.append(',');
      }
      header.append(key).append('=').append(value);
    });
    return truncate && header.length() > TraceStateRules.MAX_LENGTH ? truncated(state) : header.toString();
  }

  /** @return the entries in order within {@value TraceStateRules#MAX_LENGTH} characters, by whole entries */
  private static String truncated(TraceState state) {
    String[] pairs = new String[2 * state.size()];
    int[] at = {0};
    state.forEach((key, value) -> {
      if (at[0] < pairs.length) {
        pairs[at[0]++] = key;
        pairs[at[0]++] = value;
      }
    });
    String[] all = at[0] == pairs.length ? pairs : java.util.Arrays.copyOf(pairs, at[0]);
    String[] kept = TraceStateRules.truncate(all);
    StringBuilder header = new StringBuilder(TraceStateRules.length(kept));
    for (int i = 0; i < kept.length; i += 2) {
      if (i > 0) {
        header.append(',');
      }
      header.append(kept[i]).append('=').append(kept[i + 1]);
    }
    return header.toString();
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
    String states = HeaderValues.joined(carrier, getter, TRACESTATE, TraceStateRules.MAX_INPUT, false);
    if (states != null && !states.isEmpty()) {
      String[] pairs = states == HeaderValues.OVERSIZED ? null : TraceStateRules.parse(states);
      if (pairs == null) {
        Diagnostics.warn("tracestate.invalid", "dropped an invalid tracestate header; the traceparent is kept");
      } else if (pairs.length > 0) {
        remote = SpanContext.createFromRemoteParent(remote.getTraceId(), remote.getSpanId(), remote.getTraceFlags(),
            ListTraceState.of(pairs));
      }
    }
    return context.with(Span.wrap(remote));
  }

  /**
   * Parses {@code version-traceid-parentid-flags} in place, reading characters of the header itself (no
   * copy): optional white space (space, tab) around the value is allowed, as HTTP and the W3C suite expect.
   * Version {@code ff} is invalid; version {@code 00} must be exactly 55 chars; a later version may carry
   * more fields after a {@code -}. Hex is lower case. The two ids are the only strings made: they are cut
   * from the header and handed to OpenTelemetry, whose {@link SpanContext#createFromRemoteParent} checks
   * exactly the W3C id rules (32 and 16 lower-case hex digits, not all zero) and answers an invalid context
   * otherwise, so they are not checked twice.
   *
   * @return OpenTelemetry's remote span context, or null when the value is invalid
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
    if (length < TRACEPARENT_LENGTH || (length > TRACEPARENT_LENGTH && value.charAt(start + TRACEPARENT_LENGTH) != '-')) {
      return null;
    }
    if (value.charAt(start + 2) != '-' || value.charAt(start + 35) != '-' || value.charAt(start + 52) != '-') {
      return null;
    }
    int v1 = lowerHex(value.charAt(start));
    int v2 = lowerHex(value.charAt(start + 1));
    int f1 = lowerHex(value.charAt(start + 53));
    int f2 = lowerHex(value.charAt(start + 54));
    if (v1 < 0 || v2 < 0 || f1 < 0 || f2 < 0 || (v1 == 15 && v2 == 15) || (v1 == 0 && v2 == 0 && length != TRACEPARENT_LENGTH)) {
      return null;
    }
    SpanContext remote = SpanContext.createFromRemoteParent(value.substring(start + 3, start + 35),
        value.substring(start + 36, start + 52), TraceFlags.fromByte((byte) (f1 << 4 | f2)), TraceState.getDefault());
    return remote.isValid() ? remote : null;
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  private static int lowerHex(char c) {
    return c < HEX_VALUE.length ? HEX_VALUE[c] : -1;
  }
}
