package dev.observa.tracing.internal;

import java.nio.charset.StandardCharsets;

/**
 * What may travel as W3C baggage, for both directions: keys are RFC 7230 tokens of at most
 * {@value #MAX_KEY} characters; values at most {@value #MAX_VALUE} characters once decoded, and never a
 * control character (C0, DEL, C1) or a line or paragraph separator, even percent-encoded; properties only
 * baggage-octets, {@code ;} and optional white space (a received tab is kept as a space), so a CR or LF
 * can never be read in or written out. The character classes are the W3C baggage grammar's; values are
 * percent-encoded on the way out where they leave that set.
 */
final class BaggageRules {
  static final int MAX_KEY = 256;
  static final int MAX_VALUE = 4096;
  /** The longest tenant taken from inbound baggage (as the starter takes from {@code X-Scope-OrgID}). */
  static final int MAX_TENANT = 256;

  private static final byte OCTET = 1;
  private static final byte TOKEN = 2;
  /** Per ASCII character: {@link #OCTET} and/or {@link #TOKEN}. */
  private static final byte[] CLASSES = new byte[128];
  /** Per ASCII character: 0 when a value sends it as it is, {@link #ENCODED} or {@link #CONTROL}. */
  private static final byte[] VALUE_CHARS = new byte[128];
  private static final byte ENCODED = 1;
  private static final byte CONTROL = 2;

  static {
    for (char c = 0x21; c <= 0x7e; c++) {
      if (c != '"' && c != ',' && c != ';' && c != '\\') {
        CLASSES[c] |= OCTET;
      }
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0) {
        CLASSES[c] |= TOKEN;
      }
    }
    for (char c = 0; c < 128; c++) {
      VALUE_CHARS[c] = c < 0x20 || c == 0x7f ? CONTROL : c == '%' || (CLASSES[c] & OCTET) == 0 ? ENCODED : 0;
    }
  }

  private BaggageRules() {}

  /** W3C baggage-octet: printable ASCII except space, {@code "}, {@code ,}, {@code ;} and {@code \}. */
  static boolean isBaggageOctet(char c) {
    return c < 128 && (CLASSES[c] & OCTET) != 0;
  }

  /** RFC 7230 tchar. */
  static boolean isTokenChar(char c) {
    return c < 128 && (CLASSES[c] & TOKEN) != 0;
  }

  /** @return whether the key is a token of 1 to {@value #MAX_KEY} characters */
  static boolean isKey(String key) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (!isTokenChar(key.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** What {@link #kind} answers for a value that may not travel. */
  static final int NOT_A_VALUE = -1;
  /** What {@link #kind} answers for a value that is sent as it is ({@link #isPlainValue}). */
  static final int PLAIN_VALUE = 1;
  /** What {@link #kind} answers for a value that is sent percent-encoded. */
  static final int ENCODED_VALUE = 0;

  /** @return whether a (decoded) value is short enough and holds no control or line-breaking character */
  static boolean isValue(String value) {
    return kind(value) != NOT_A_VALUE;
  }

  /**
   * {@link #isValue} and {@link #isPlainValue} in one pass, for the sender that asks both.
   *
   * @return {@link #NOT_A_VALUE}, {@link #PLAIN_VALUE} or {@link #ENCODED_VALUE}
   */
  static int kind(String value) {
    if (value == null || value.length() > MAX_VALUE) {
      return NOT_A_VALUE;
    }
    int kind = PLAIN_VALUE;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      int chars = c < 128 ? VALUE_CHARS[c] : c <= 0x9f || c == '\u2028' || c == '\u2029' ? CONTROL : ENCODED;
      if (chars != 0) { // one table look-up for the usual character
        if (chars == CONTROL) {
          return NOT_A_VALUE;
        }
        kind = ENCODED_VALUE;
      }
    }
    return kind;
  }

  /** @return whether an inbound {@code tenant} member may become the context's tenant */
  static boolean isTenant(String value) {
    return value != null && !value.isEmpty() && value.length() <= MAX_TENANT && isValue(value);
  }

  /** @return whether {@code s} is only baggage-octets, {@code ;} and spaces: properties that may be sent */
  static boolean isProperties(String s) {
    return isProperties(s, 0, s.length(), false);
  }

  /**
   * @param tabs whether tabs (optional white space in a received header) are accepted
   * @return whether {@code s[from, to)} is only baggage-octets, {@code ;}, spaces and, if accepted, tabs
   */
  static boolean isProperties(String s, int from, int to, boolean tabs) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(isBaggageOctet(c) || c == ';' || c == ' ' || tabs && c == '\t')) {
        return false;
      }
    }
    return true;
  }

  /** Writes a value as W3C baggage-octets, percent-encoding UTF-8 bytes outside that set (and '%'). */
  static void percentEncode(String value, StringBuilder out) {
    if (isPlainValue(value)) {
      out.append(value);
      return;
    }
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean octet = c == 0x21 || (c >= 0x23 && c <= 0x2b && c != 0x25) || (c >= 0x2d && c <= 0x3a)
          || (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
      if (octet) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
  }

  /** True when the value needs no percent-encoding: baggage-octets only, and no {@code %}. */
  static boolean isPlainValue(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '%' || !isBaggageOctet(c)) {
        return false;
      }
    }
    return true;
  }
}
