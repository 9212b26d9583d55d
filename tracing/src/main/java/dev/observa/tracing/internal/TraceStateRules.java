package dev.observa.tracing.internal;

/**
 * The W3C Trace Context Level 2 {@code tracestate} rules, in one linear pass over the joined header:
 * list-members separated by commas with optional white space (space, tab) around them, empty members
 * allowed, at most 32 non-empty members; a key is a lower-case letter or digit followed by up to 255 of
 * {@code a-z 0-9 _ - * / @} ({@code @} is an ordinary key character in Level 2, with no tenant/vendor
 * split); a value is 1 to 256 printable ASCII characters except {@code ,} and {@code =}, not ending in a
 * space. A header that breaks any rule is dropped whole; the {@code traceparent} it came with stays valid.
 * A repeated key keeps its first (left-most, most recent) entry: the specification lets a receiver discard
 * duplicates. What is received is kept whole (a pass-through must not modify it); a header sent on by a new
 * span is truncated to {@value #MAX_LENGTH} characters by whole entries, entries over 128 characters first,
 * then from the end ({@link #truncate}).
 */
final class TraceStateRules {
  static final int MAX_MEMBERS = 32;
  /** The combined length propagated; the specification asks for at least 512. */
  static final int MAX_LENGTH = 512;
  /** Input beyond this is prohibitively large and ignored whole (a valid header is at most ~16.5 KB of members). */
  static final int MAX_INPUT = 32 * 1024;
  private static final int MAX_KEY = 256;
  private static final int MAX_VALUE = 256;
  private static final int LARGE_ENTRY = 128;

  private TraceStateRules() {}

  /**
   * @param header all {@code tracestate} values joined with commas
   * @return the entries as {@code key, value} pairs in header order (duplicates removed), empty when there
   *     are none, or null when the header is invalid
   */
  static String[] parse(String header) {
    if (header == null || header.length() > MAX_INPUT) {
      return null;
    }
    String[] pairs = new String[2 * maxMembers(header)];
    int size = 0;
    int members = 0;
    int length = header.length();
    int start = 0;
    while (start <= length) {
      int comma = header.indexOf(',', start);
      int end = comma < 0 ? length : comma;
      int from = start;
      int to = end;
      while (from < to && isOws(header.charAt(from))) {
        from++;
      }
      while (to > from && isOws(header.charAt(to - 1))) {
        to--;
      }
      if (from < to) {
        if (++members > MAX_MEMBERS) {
          return null;
        }
        int eq = keyEnd(header, from, to);
        if (eq < 0 || !isValue(header, eq + 1, to)) {
          return null;
        }
        String key = header.substring(from, eq);
        if (indexOf(pairs, size, key) < 0) {
          pairs[2 * size] = key;
          pairs[2 * size + 1] = header.substring(eq + 1, to);
          size++;
        }
      }
      start = end + 1;
    }
    return 2 * size == pairs.length ? pairs : java.util.Arrays.copyOf(pairs, 2 * size);
  }

  /** @return how many members the header can hold at most (commas + 1, within {@value #MAX_MEMBERS}) */
  private static int maxMembers(String header) {
    int members = 1;
    for (int comma = header.indexOf(','); comma >= 0 && members < MAX_MEMBERS; comma = header.indexOf(',', comma + 1)) {
      members++;
    }
    return members;
  }

  /** @return the index of the {@code =} ending a valid key at {@code from}, or -1 */
  private static int keyEnd(String s, int from, int to) {
    char first = s.charAt(from);
    if (!(first >= 'a' && first <= 'z' || first >= '0' && first <= '9')) {
      return -1;
    }
    int limit = Math.min(to, from + MAX_KEY);
    for (int i = from + 1; i < limit; i++) {
      char c = s.charAt(i);
      if (c == '=') {
        return i;
      }
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '*' || c == '/' || c == '@')) {
        return -1;
      }
    }
    return limit < to && s.charAt(limit) == '=' ? limit : -1;
  }

  /** 1 to 256 of {@code chr}, the last a {@code nblk-chr}: printable ASCII but {@code ,} and {@code =}. */
  private static boolean isValue(String s, int from, int to) {
    if (to - from < 1 || to - from > MAX_VALUE || s.charAt(to - 1) == ' ') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
        return false;
      }
    }
    return true;
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  private static int indexOf(String[] pairs, int size, String key) {
    for (int i = 0; i < size; i++) {
      if (pairs[2 * i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** @return the length of the combined header {@code k=v,k=v} of {@code key, value} pairs */
  static int length(String[] pairs) {
    int length = Math.max(0, pairs.length / 2 - 1);
    for (int i = 0; i < pairs.length; i += 2) {
      length += pairs[i].length() + 1 + pairs[i + 1].length();
    }
    return length;
  }

  /**
   * Keeps the combined header within {@value #MAX_LENGTH} characters by removing whole entries: those over
   * 128 characters first, then from the end, as the specification's truncation rule asks.
   */
  static String[] truncate(String[] pairs) {
    if (length(pairs) <= MAX_LENGTH) {
      return pairs;
    }
    String[] kept = pairs;
    for (int i = kept.length - 2; i >= 0 && length(kept) > MAX_LENGTH; i -= 2) {
      if (kept[i].length() + 1 + kept[i + 1].length() > LARGE_ENTRY) {
        kept = remove(kept, i);
      }
    }
    while (length(kept) > MAX_LENGTH) {
      kept = java.util.Arrays.copyOf(kept, kept.length - 2);
    }
    return kept;
  }

  private static String[] remove(String[] pairs, int at) {
    String[] out = new String[pairs.length - 2];
    System.arraycopy(pairs, 0, out, 0, at);
    System.arraycopy(pairs, at + 2, out, at, pairs.length - at - 2);
    return out;
  }
}
