package dev.observa.tracing.internal;

import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Parses a W3C {@code baggage} header in one pass, without splitting it into intermediate strings:
 * {@code key = value *( ; property )} members separated by commas, optional white space around each
 * part. Keys must be RFC 7230 tokens and values baggage-octets or {@code %XX} escapes (decoded as UTF-8),
 * within {@link BaggageRules}' lengths and never decoding to a control character; properties only
 * baggage-octets, {@code ;} and white space. A member breaking a rule is dropped and the others kept.
 * Properties are kept as the entry's metadata, as written. Members go straight into OpenTelemetry's own
 * {@link BaggageBuilder} (a repeated key keeps its last value). At most {@value DeclaredBaggagePropagator#MAX_MEMBERS} members and
 * {@value DeclaredBaggagePropagator#MAX_BYTES} bytes are kept: whole members beyond are dropped.
 */
final class BaggageHeaderParser {
  /** What a parse dropped, for the diagnostics. */
  static final int DROPPED_INVALID = 1;
  static final int DROPPED_OVER_LIMIT = 2;

  private BaggageHeaderParser() {}

  /**
   * @param header the header (several headers joined with commas)
   * @param known keys whose own strings are used when a member has one of them (the declared keys), so the
   *     usual members cost no key copy
   * @param into where the members go
   * @return a bit set of {@link #DROPPED_INVALID} and {@link #DROPPED_OVER_LIMIT}, 0 when all were kept
   */
  static int parse(String header, String[] known, BaggageBuilder into) {
    int dropped = 0;
    int members = 0;
    int bytes = 0;
    int length = header.length();
    int start = 0;
    while (start <= length) {
      int end = header.indexOf(',', start);
      if (end < 0) {
        end = length;
      }
      int from = skipOws(header, start, end);
      int to = trimOws(header, from, end);
      if (from < to) {
        int size = to - from + (members == 0 ? 0 : 1);
        if (members == DeclaredBaggagePropagator.MAX_MEMBERS || bytes + size > DeclaredBaggagePropagator.MAX_BYTES) {
          return dropped | DROPPED_OVER_LIMIT;
        }
        if (member(header, from, to, known, into)) {
          members++;
          bytes += size;
        } else {
          dropped |= DROPPED_INVALID;
        }
      }
      start = end + 1;
    }
    return dropped;
  }

  /**
   * Parses {@code header[from, to)} (trimmed) as one member, in a single pass: a token key, optional white
   * space, {@code =}, optional white space, a value of baggage-octets and {@code %XX} escapes, optional
   * white space, then nothing or {@code ;} and properties. False when it is invalid (nothing is added).
   */
  private static boolean member(String header, int from, int to, String[] known, BaggageBuilder into) {
    int i = from;
    while (i < to && BaggageRules.isTokenChar(header.charAt(i))) {
      i++;
    }
    int keyEnd = i;
    if (keyEnd == from || keyEnd - from > BaggageRules.MAX_KEY) {
      return false;
    }
    i = skipOws(header, i, to);
    if (i == to || header.charAt(i) != '=') {
      return false;
    }
    int valueStart = skipOws(header, i + 1, to);
    boolean escaped = false;
    for (i = valueStart; i < to; i++) {
      char c = header.charAt(i);
      if (c == '%') {
        if (!isEscape(header, i, to)) {
          return false;
        }
        escaped = true;
        i += 2;
      } else if (!BaggageRules.isBaggageOctet(c)) {
        break;
      }
    }
    int valueEnd = i;
    i = skipOws(header, i, to);
    if (i < to && header.charAt(i) != ';') {
      return false; // a character no value may hold
    }
    String value = escaped ? decoded(header, valueStart, valueEnd)
        : valueEnd - valueStart > BaggageRules.MAX_VALUE ? null : header.substring(valueStart, valueEnd);
    BaggageEntryMetadata metadata = i < to ? properties(header, i + 1, to) : BaggageEntryMetadata.empty();
    if (value == null || metadata == null) {
      return false;
    }
    into.put(key(header, from, keyEnd, known), value, metadata);
    return true;
  }

  // the rarer parts of a member are methods of their own, so that the common member (a token, '=', plain
  // baggage-octets) stays small enough to compile into the propagator's extract

  /** @return whether {@code header[i]} ({@code %}) starts a {@code %XX} escape that ends before {@code to} */
  private static boolean isEscape(String header, int i, int to) {
    return i + 2 < to && hex(header.charAt(i + 1)) >= 0 && hex(header.charAt(i + 2)) >= 0;
  }

  /** @return the percent-decoded value, or null when it is too long or decodes to a control character */
  private static String decoded(String header, int from, int to) {
    if (to - from > 3 * BaggageRules.MAX_VALUE) {
      return null;
    }
    String value = decode(header, from, to);
    return BaggageRules.isValue(value) ? value : null;
  }

  /**
   * @param from just after the {@code ;} that ends the value
   * @return the properties as entry metadata (empty when there are none), or null when they are invalid
   */
  private static BaggageEntryMetadata properties(String header, int from, int to) {
    int start = skipOws(header, from, to);
    if (!BaggageRules.isProperties(header, start, to, true)) {
      return null;
    }
    // a tab is optional white space there: kept as a space, so no control character is ever sent on
    return start < to ? BaggageEntryMetadata.create(header.substring(start, to).replace('\t', ' '))
        : BaggageEntryMetadata.empty();
  }

  /** @return the known key equal to {@code header[from, to)} when there is one, else a copy of that range */
  private static String key(String header, int from, int to, String[] known) {
    for (String key : known) {
      if (key.length() == to - from && header.startsWith(key, from)) {
        return key;
      }
    }
    return header.substring(from, to);
  }

  private static String decode(String header, int from, int to) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      char c = header.charAt(i);
      if (c == '%') {
        bytes.write(hex(header.charAt(i + 1)) << 4 | hex(header.charAt(i + 2)));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int skipOws(String s, int from, int to) {
    int i = from;
    while (i < to && isOws(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int trimOws(String s, int from, int to) {
    int i = to;
    while (i > from && isOws(s.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
