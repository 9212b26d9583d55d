package dev.observa.redaction;

/**
 * Removes every literal from SQL text, as OpenTelemetry's database semantic conventions ask for
 * {@code db.query.text} ("the query text SHOULD be sanitized … by replacing all literals with a placeholder
 * value"): string literals ({@code '…'}, with {@code ''} and backslash escapes, {@code E'…'}, {@code X'…'}…),
 * double-quoted text (a string in some dialects, so it may hold a value), PostgreSQL dollar-quoted text
 * ({@code $tag$…$tag$}) and numbers become {@code ?}; comments are dropped (they may hold anything). Keywords,
 * identifiers, operators, {@code ?} and {@code $1} placeholders stay. An unterminated literal or comment hides
 * the rest of the text. One pass; the same instance when there was nothing to remove. Stateless.
 */
final class SqlRedaction {
  private SqlRedaction() {}

  static String sql(String sql) {
    StringBuilder out = null;
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      int end;
      boolean drop = false;
      if (c == '\'' || c == '"') {
        end = quoted(sql, i, c);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        end = lineEnd(sql, i);
        drop = true;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        end = close < 0 ? n : close + 2;
        drop = true;
      } else if (c == '$' && (end = dollarQuoted(sql, i)) > i) {
        // $tag$…$tag$ (end found); $1 placeholders are not matched and stay
      } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1)))) {
        end = number(sql, i);
      } else if (isIdentifierPart(c)) {
        end = i + 1;
        while (end < n && isIdentifierPart(sql.charAt(end))) {
          end++;
        }
        if (end - i == 1 && end < n && sql.charAt(end) == '\'' && "EeXxBbNn".indexOf(c) >= 0) {
          end = quoted(sql, end, '\''); // a prefixed string literal: E'…', X'…', B'…', N'…'
        } else {
          if (out != null) {
            out.append(sql, i, end);
          }
          i = end;
          continue;
        }
      } else {
        if (out != null) {
          out.append(c);
        }
        i++;
        continue;
      }
      if (out == null) {
        out = new StringBuilder(n).append(sql, 0, i);
      }
      out.append(drop ? " " : "?");
      i = end;
    }
    return out == null ? sql : out.toString();
  }

  /** @return the index after the literal opened by {@code quote} at {@code start} (or the end of the text) */
  private static int quoted(String sql, int start, char quote) {
    int n = sql.length();
    int i = start + 1;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\\') {
        i += 2; // an escaped character; in a standard string this only ever hides more, never less
      } else if (c == quote) {
        if (i + 1 < n && sql.charAt(i + 1) == quote) {
          i += 2; // '' inside a literal
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  /** @return the index after a {@code $tag$…$tag$} literal starting at {@code start}, or {@code start} */
  private static int dollarQuoted(String sql, int start) {
    int n = sql.length();
    int i = start + 1;
    while (i < n && isIdentifierPart(sql.charAt(i)) && sql.charAt(i) != '$') {
      i++;
    }
    if (i >= n || sql.charAt(i) != '$' || (i > start + 1 && isDigit(sql.charAt(start + 1)))) {
      return start; // $1, or a lone $
    }
    String tag = sql.substring(start, i + 1);
    int close = sql.indexOf(tag, i + 1);
    return close < 0 ? n : close + tag.length();
  }

  private static int number(String sql, int start) {
    int n = sql.length();
    int i = start;
    while (i < n) {
      char c = sql.charAt(i);
      if (isIdentifierPart(c) || c == '.') {
        i++; // digits, a fraction, hex digits (0x1F), an exponent
      } else if ((c == '+' || c == '-') && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static int lineEnd(String sql, int start) {
    int i = start;
    while (i < sql.length() && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
