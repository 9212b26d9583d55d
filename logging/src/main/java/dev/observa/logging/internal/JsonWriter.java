package dev.observa.logging.internal;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes JSON into a reused {@link StringBuilder}. Strings are escaped per RFC 8259 plus U+2028/U+2029
 * (which JavaScript-based shippers treat as line ends) and lone surrogates (written as {@code \\uXXXX}
 * escapes, so the output is always valid UTF-8 and one line). Not thread-safe.
 */
public final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int MAX_DEPTH = 16;

  private final StringBuilder out;
  private boolean needsComma;
  private int maxStringLength = Integer.MAX_VALUE;

  /** @param out the buffer to append to */
  public JsonWriter(StringBuilder out) {
    this.out = out;
  }

  /**
   * @param maxStringLength longest string value written in full; longer ones are cut and marked
   * @return this
   */
  public JsonWriter maxStringLength(int maxStringLength) {
    this.maxStringLength = maxStringLength;
    return this;
  }

  /** @return the buffer */
  public StringBuilder buffer() {
    return out;
  }

  /** Opens an object as a value. */
  public void beginObject() {
    out.append('{');
    needsComma = false;
  }

  /** Closes an object. */
  public void endObject() {
    out.append('}');
    needsComma = true;
  }

  /**
   * Writes a member name and the colon.
   *
   * @param name the name
   */
  public void name(String name) {
    if (needsComma) {
      out.append(',');
    }
    appendString(name, Integer.MAX_VALUE);
    out.append(':');
    needsComma = false;
  }

  /**
   * @param name member name
   * @param value string value, or null for JSON null
   */
  public void field(String name, String value) {
    name(name);
    string(value);
  }

  /**
   * @param value a string, or null for JSON null
   */
  public void string(String value) {
    if (value == null) {
      out.append("null");
    } else {
      appendString(value, maxStringLength);
    }
    needsComma = true;
  }

  /**
   * Writes any value by its type: strings, numbers, booleans, maps, collections, arrays of objects;
   * anything else through {@code toString()}, with a marker if that throws. Cycles and nesting deeper
   * than 16 levels are cut with a marker.
   *
   * @param value the value
   */
  public void value(Object value) {
    value(value, 0, null);
  }

  private void value(Object value, int depth, IdentityHashMap<Object, Boolean> seen) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      appendString(s, maxStringLength);
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      out.append(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d)) {
        out.append(d);
      } else {
        appendString(Double.toString(d), Integer.MAX_VALUE);
      }
    } else if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]) {
      container(value, depth, seen);
    } else {
      appendString(safeToString(value), maxStringLength);
    }
    needsComma = true;
  }

  private void container(Object value, int depth, IdentityHashMap<Object, Boolean> seen) {
    if (seen == null) {
      seen = new IdentityHashMap<>();
    }
    if (depth >= MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
      appendString(depth >= MAX_DEPTH ? "[too deep]" : "[cycle]", Integer.MAX_VALUE);
      return;
    }
    try {
      if (value instanceof Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          appendString(String.valueOf(entry.getKey()), Integer.MAX_VALUE);
          out.append(':');
          value(entry.getValue(), depth + 1, seen);
        }
        out.append('}');
      } else {
        Iterable<?> items = value instanceof Object[] array ? java.util.Arrays.asList(array) : (Collection<?>) value;
        out.append('[');
        boolean first = true;
        for (Object item : items) {
          if (!first) {
            out.append(',');
          }
          first = false;
          value(item, depth + 1, seen);
        }
        out.append(']');
      }
    } catch (RuntimeException e) {
      // a concurrently modified or hostile collection: close what was opened, keep the line valid
      out.append(value instanceof Map<?, ?> ? "}" : "]");
    } finally {
      seen.remove(value);
    }
  }

  /**
   * @param value any object
   * @return its {@code toString()}, or a marker naming the exception that method threw
   */
  public static String safeToString(Object value) {
    try {
      return String.valueOf(value);
    } catch (RuntimeException | StackOverflowError e) {
      return "[toString() failed: " + e.getClass().getName() + "]";
    }
  }

  private void appendString(String s, int maxLength) {
    out.append('"');
    int length = s.length();
    int end = Math.min(length, maxLength);
    int run = 0;
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        if (c != '"' && c != '\\') {
          continue;
        }
      } else if (c >= 0xa0 && !needsEscape(s, i, c, end)) {
        continue;
      }
      // append the clean run in one copy, then the escaped character
      out.append(s, run, i);
      escape(c);
      run = i + 1;
    }
    out.append(s, run, end);
    if (end < length) {
      out.append("…[truncated ").append(length - end).append(" chars]");
    }
    out.append('"');
  }

  /** Non-ASCII characters that must still be escaped: line separators and lone surrogates. */
  private static boolean needsEscape(String s, int i, char c, int end) {
    if (c == '\u2028' || c == '\u2029') {
      return true;
    }
    if (Character.isHighSurrogate(c)) {
      return !(i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1)));
    }
    if (Character.isLowSurrogate(c)) {
      return !(i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
    }
    return false;
  }

  private void escape(char c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      default -> unicodeEscape(c);
    }
  }

  private void unicodeEscape(char c) {
    out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }
}
