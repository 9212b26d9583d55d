package dev.observa.logging.internal;

import dev.observa.redaction.RedactionPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes JSON as UTF-8 straight into a reused, growable byte array: escaping and encoding happen in one
 * pass, with no intermediate {@code String} or {@code StringBuilder}. Strings are escaped per RFC 8259 plus
 * U+2028/U+2029 (which JavaScript-based shippers treat as line ends) and lone surrogates (written as
 * {@code \\uXXXX} escapes, so the output is always valid UTF-8 and one line). Not thread-safe: one per
 * thread, {@linkplain #reset() reset} per line.
 */
public final class JsonWriter {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  /** ASCII chars written as they are: printable, not a quote or backslash (one table load beats four tests). */
  private static final boolean[] PLAIN = new boolean[0x80];
  private static final int MAX_DEPTH = 16;
  /** Bytes one char can take once escaped ({@code \\u2028}). */
  private static final int MAX_BYTES_PER_CHAR = 6;
  /** Room reserved beyond a string's escaped chars: quotes, the truncation marker and its count. */
  private static final int SLACK = 64;

  /** Strings up to this length may be kept encoded in the per-writer cache. */
  private static final int MAX_CACHED_LENGTH = 64;
  private static final int CACHE_SLOTS = 128;

  /** Keys of maps inside values are cut here (user keys at the top level follow {@link MemberKeys}). */
  private static final int MAX_NESTED_KEY_LENGTH = 256;

  static {
    for (char c = 0x20; c < 0x7f; c++) {
      PLAIN[c] = c != '"' && c != '\\';
    }
  }

  private byte[] buf;
  private Object runValue;
  private Object runRenderer;
  private byte[] runBytes = new byte[0];
  private int runLength;
  private final String[] cachedStrings;
  private final byte[][] cachedBytes;
  private int len;
  private boolean needsComma;
  private int maxStringLength = Integer.MAX_VALUE;

  /** @param initialCapacity bytes allocated up front */
  public JsonWriter(int initialCapacity) {
    this(initialCapacity, true);
  }

  /** @param caches false for a throw-away writer that encodes one name, constant or value (no cache arrays) */
  private JsonWriter(int initialCapacity, boolean caches) {
    this.buf = new byte[Math.max(caches ? 64 : 8, initialCapacity)];
    this.cachedStrings = caches ? new String[CACHE_SLOTS] : null;
    this.cachedBytes = caches ? new byte[CACHE_SLOTS][] : null;
  }

  /** Creates a writer with a 1 KiB buffer. */
  public JsonWriter() {
    this(1024);
  }

  /**
   * @param maxStringLength longest string value written in full; longer ones are cut and marked
   * @return this
   */
  public JsonWriter maxStringLength(int maxStringLength) {
    this.maxStringLength = maxStringLength;
    return this;
  }

  /** @return the longest string value written in full */
  public int maxStringLength() {
    return maxStringLength;
  }

  /** Empties the buffer, keeping its capacity. */
  public void reset() {
    len = 0;
    needsComma = false;
  }

  /** @return bytes written since the last reset */
  public int size() {
    return len;
  }

  /** @return the bytes this writer retains, to let callers drop writers that grew too large */
  public int capacity() {
    return buf.length;
  }

  /** @return a copy of the bytes written */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /**
   * @param out where to copy the bytes written
   * @throws IOException from the stream
   */
  public void writeTo(OutputStream out) throws IOException {
    out.write(buf, 0, len);
  }

  /** @return the text written so far (tests and diagnostics) */
  @Override
  public String toString() {
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }

  /** Opens an object as a value. */
  public void beginObject() {
    ensure(1);
    buf[len++] = '{';
    needsComma = false;
  }

  /** Closes an object. */
  public void endObject() {
    ensure(1);
    buf[len++] = '}';
    needsComma = true;
  }

  /** Ends the line. */
  public void newline() {
    ensure(1);
    buf[len++] = '\n';
  }

  /**
   * Pre-encodes a member name, quotes and colon included, for {@link #name(byte[])}.
   *
   * @param name the name
   * @return {@code "name":} in UTF-8, escaped
   */
  public static byte[] encodeName(String name) {
    JsonWriter writer = new JsonWriter(name.length() * MAX_BYTES_PER_CHAR + 8, false);
    writer.appendString(name, Integer.MAX_VALUE);
    writer.raw(':');
    return writer.toByteArray();
  }

  /**
   * Writes a member name pre-encoded by {@link #encodeName(String)}.
   *
   * @param encodedName the name with quotes and colon
   */
  public void name(byte[] encodedName) {
    ensure(encodedName.length + 1);
    putName(encodedName);
  }

  /** The comma if needed and the pre-encoded name; the caller ensured the room. */
  private void putName(byte[] encodedName) {
    if (needsComma) {
      buf[len++] = ',';
    }
    copy(encodedName);
    needsComma = false;
  }

  /**
   * Writes a member name the encoder does not own (an MDC or key-value key) as {@code rules} say (cut, renamed on
   * a collision with an own name) and tells whether its value is secret: for a recurring key both come encoded
   * from the rules' bounded cache ({@link MemberKeys#kept}).
   *
   * @param key the key
   * @param rules the naming and redaction rules
   * @return whether the key's value must be redacted
   */
  public boolean keyName(String key, MemberKeys rules) {
    MemberKeys.Member member = rules.kept(key);
    if (member == null) {
      boolean secret = rules.isSecret(key);
      name(rules.written(key));
      return secret;
    }
    ensure(member.encodedName.length + 1);
    putName(member.encodedName);
    return member.secret;
  }

  /**
   * Renders members that depend only on {@code value}, e.g. the ids of a span context.
   *
   * @param <T> the value type
   */
  @FunctionalInterface
  public interface MemberRun<T> {
    /**
     * @param json where to write the members
     * @param value what they are rendered from
     */
    void write(JsonWriter json, T value);
  }

  /**
   * Writes the members {@code run} renders for {@code value}, rendering them only when {@code value} (by
   * identity) or {@code run} differs from the previous call's: log lines of one span repeat its ids.
   *
   * @param value the value, compared by identity
   * @param run renders the members
   * @param <T> the value type
   */
  public <T> void memberRun(T value, MemberRun<T> run) {
    if (value != runValue || run != runRenderer) {
      // rendered in place; a copy without the leading comma is kept for the next line of the same value
      int start = len;
      boolean comma = needsComma;
      run.write(this, value);
      int from = comma && len > start ? start + 1 : start;
      int length = len - from;
      if (runBytes.length < length) {
        runBytes = new byte[Math.max(length, 2 * runBytes.length)]; // grows a few times, then is reused
      }
      System.arraycopy(buf, from, runBytes, 0, length);
      runLength = length;
      runValue = value;
      runRenderer = run;
      return;
    }
    int length = runLength;
    ensure(length + 1);
    if (needsComma && length > 0) {
      buf[len++] = ',';
    }
    System.arraycopy(runBytes, 0, buf, len, length);
    len += length;
    needsComma |= length > 0;
  }

  /**
   * Writes a member name and the colon.
   *
   * @param name the name
   */
  public void name(String name) {
    if (needsComma) {
      raw(',');
    }
    appendString(name, Integer.MAX_VALUE);
    raw(':');
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
   * @param name pre-encoded member name
   * @param value string value, or null for JSON null
   */
  public void field(byte[] name, String value) {
    if (value == null) {
      name(name);
      string(null);
      return;
    }
    int end = Math.min(value.length(), maxStringLength);
    ensure(name.length + end * MAX_BYTES_PER_CHAR + SLACK);
    putName(name);
    putString(value, end);
    needsComma = true;
  }

  /**
   * Writes {@code policy.text(value)} reading the value's chars once: they are escaped and told to the text rule
   * ({@link RedactionPolicy#text(String, int)}) in one pass, and a value the rule changes is written again over
   * the first. A value cut at {@link #maxStringLength} is judged whole before it is written, as the rule reads
   * all of it.
   *
   * @param value a string, or null for JSON null
   * @param policy the redaction policy
   */
  public void redactedString(String value, RedactionPolicy policy) {
    if (value == null || value.length() > maxStringLength) {
      string(policy.text(value));
      return;
    }
    ensure(value.length() * MAX_BYTES_PER_CHAR + SLACK);
    putRedacted(value, policy);
    needsComma = true;
  }

  /**
   * {@link #field(byte[], String)} with the value through {@link #redactedString}.
   *
   * @param name pre-encoded member name
   * @param value string value, or null for JSON null
   * @param policy the redaction policy
   */
  public void redactedField(byte[] name, String value, RedactionPolicy policy) {
    if (value == null || value.length() > maxStringLength) {
      field(name, policy.text(value));
      return;
    }
    ensure(name.length + value.length() * MAX_BYTES_PER_CHAR + SLACK);
    putName(name);
    putRedacted(value, policy);
    needsComma = true;
  }

  /** Writes {@code "policy.text(value)"}; the value is not cut, the caller ensured the room. */
  private void putRedacted(String value, RedactionPolicy policy) {
    int start = len;
    buf[len++] = '"';
    int kinds = encodeCharsSummarized(value, 0, value.length());
    String safe = policy.text(value, kinds);
    if (safe != value) {
      len = start;
      ensure(safe.length() * MAX_BYTES_PER_CHAR + SLACK);
      putString(safe, Math.min(safe.length(), maxStringLength));
      return;
    }
    buf[len++] = '"';
  }

  /**
   * @param value a string, or null for JSON null
   */
  public void string(String value) {
    if (value == null) {
      raw(NULL);
    } else {
      appendString(value, maxStringLength);
    }
    needsComma = true;
  }

  /**
   * Writes a value whose bytes are already valid JSON (a pre-encoded string with its quotes, a number).
   *
   * @param json the bytes
   */
  public void rawValue(byte[] json) {
    raw(json);
    needsComma = true;
  }

  /**
   * Writes a string value that recurs from line to line (logger and thread names, the service name)
   * through the per-writer cache of encoded strings. Strings longer than 64 chars are written directly.
   *
   * @param value a string, or null for JSON null
   */
  public void recurringString(String value) {
    if (value == null) {
      raw(NULL);
    } else {
      recurring(value, maxStringLength);
    }
    needsComma = true;
  }

  /**
   * @param name pre-encoded member name
   * @param value a recurring string value, see {@link #recurringString(String)}
   */
  public void recurringField(byte[] name, String value) {
    byte[] cached = value == null ? null : cached(value, maxStringLength);
    if (cached == null) {
      name(name);
      recurringString(value);
      return;
    }
    ensure(name.length + 1 + cached.length);
    putName(name);
    copy(cached);
    needsComma = true;
  }

  /** @return the encoded form of a recurring string already in the cache, or null */
  private byte[] cached(String value, int limit) {
    if (value.length() > MAX_CACHED_LENGTH || value.length() > limit) {
      return null;
    }
    // two-way set-associative: a string may live in its slot or the next one
    int slot = slot(value);
    for (int probe = 0; probe < 2; probe++) {
      int at = (slot + probe) & (CACHE_SLOTS - 1);
      String candidate = cachedStrings[at];
      if (candidate == value || (candidate != null && candidate.equals(value))) {
        return cachedBytes[at];
      }
    }
    return null;
  }

  private static int slot(String value) {
    int hash = value.hashCode();
    return (hash ^ (hash >>> 7) ^ (hash >>> 16)) & (CACHE_SLOTS - 1);
  }

  private void recurring(String value, int limit) {
    byte[] cached = cached(value, limit);
    if (cached != null) {
      raw(cached);
      return;
    }
    int start = len;
    appendString(value, limit);
    if (value.length() <= MAX_CACHED_LENGTH && value.length() <= limit) {
      int slot = slot(value);
      int at = cachedStrings[slot] == null ? slot : (slot + 1) & (CACHE_SLOTS - 1);
      cachedBytes[at] = Arrays.copyOfRange(buf, start, len);
      cachedStrings[at] = value;
    }
  }

  /**
   * Writes a W3C trace id or span id (lower-case hex, as a valid span context holds them) in one bulk copy.
   *
   * @param id a 32- or 16-char hex id
   */
  public void hexId(String id) {
    asciiString(id);
  }

  /**
   * Writes a string known to hold only printable ASCII that needs no escaping (hex ids, flags), unchecked: the
   * chars are copied in bulk (each char's low byte).
   *
   * @param value the string
   */
  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is the bulk copy of chars known to be ASCII
  public void asciiString(String value) {
    int n = value.length();
    ensure(n + 2);
    byte[] b = buf;
    b[len] = '"';
    value.getBytes(0, n, b, len + 1);
    len += n + 1;
    b[len++] = '"';
    needsComma = true;
  }

  /**
   * Opens a string value written in parts with {@link #stringPart(String)}, without building it first.
   */
  public void beginString() {
    raw('"');
  }

  /**
   * @param part text appended, escaped, to the open string
   */
  public void stringPart(String part) {
    appendChars(part, 0, part.length());
  }

  /**
   * @param c a character appended, escaped, to the open string
   */
  public void stringPart(char c) {
    ensure(MAX_BYTES_PER_CHAR);
    if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
      buf[len++] = (byte) c;
    } else if (c < 0xa0) {
      len = control(buf, len, c);
    } else {
      appendChars(String.valueOf(c), 0, 1);
    }
  }

  /**
   * @param number appended as decimal digits to the open string
   */
  public void stringPart(long number) {
    appendLong(number);
  }

  /** Closes a string opened with {@link #beginString()}. */
  public void endString() {
    raw('"');
    needsComma = true;
  }

  /**
   * @param number written as a JSON number
   */
  public void number(long number) {
    appendLong(number);
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
    value(value, 0, null, null);
  }

  /**
   * {@link #value(Object)} with what it holds through the redaction policy, as a top-level value is: every string
   * (a map's, a list's, what {@code toString()} gives) through its text rule, and in a map the value of a secret
   * key, whatever its type, written as {@value RedactionPolicy#REDACTED}.
   *
   * @param value the value
   * @param policy the redaction policy
   */
  public void redactedValue(Object value, RedactionPolicy policy) {
    value(value, 0, null, policy);
  }

  /**
   * @param value any value
   * @param policy the redaction policy
   * @return the value as JSON text, written by {@link #redactedValue} (for a sink that takes a string, such as an
   *     OTLP attribute)
   */
  public static String redactedJson(Object value, RedactionPolicy policy) {
    JsonWriter json = new JsonWriter(256, false);
    json.redactedValue(value, policy);
    return json.toString();
  }

  /** @param policy the redaction policy, or null to write strings as they are */
  private void value(Object value, int depth, IdentityHashMap<Object, Boolean> seen, RedactionPolicy policy) {
    if (value == null) {
      raw(NULL);
    } else if (value instanceof String s) {
      text(s, policy);
    } else if (value instanceof Boolean b) {
      raw(b ? TRUE : FALSE);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      appendLong(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isFinite(d)) {
        appendAscii(Double.toString(d));
      } else {
        appendString(Double.toString(d), Integer.MAX_VALUE);
      }
    } else if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]) {
      container(value, depth, seen, policy);
    } else {
      text(safeToString(value), policy);
    }
    needsComma = true;
  }

  private void text(String s, RedactionPolicy policy) {
    if (policy == null) {
      appendString(s, maxStringLength);
    } else {
      redactedString(s, policy);
    }
  }

  private void container(Object value, int depth, IdentityHashMap<Object, Boolean> seen, RedactionPolicy policy) {
    if (seen == null) {
      seen = new IdentityHashMap<>();
    }
    if (depth >= MAX_DEPTH || seen.put(value, Boolean.TRUE) != null) {
      appendString(depth >= MAX_DEPTH ? "[too deep]" : "[cycle]", Integer.MAX_VALUE);
      return;
    }
    int mark = len;
    boolean isMap = value instanceof Map<?, ?>;
    try {
      if (value instanceof Map<?, ?> map) {
        raw('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!first) {
            raw(',');
          }
          first = false;
          String key = safeToString(entry.getKey());
          int keyLength = Math.min(maxStringLength, MAX_NESTED_KEY_LENGTH);
          appendString(key, keyLength);
          raw(':');
          // judged on the part written, as a top-level key is (MemberKeys.isSecret): a huge key costs no more
          if (policy != null && policy.isSecretKey(key.length() > keyLength ? key.substring(0, keyLength) : key)) {
            appendString(RedactionPolicy.REDACTED, Integer.MAX_VALUE);
          } else {
            value(entry.getValue(), depth + 1, seen, policy);
          }
        }
        raw('}');
      } else {
        Iterable<?> items = value instanceof Object[] array ? Arrays.asList(array) : (Collection<?>) value;
        raw('[');
        boolean first = true;
        for (Object item : items) {
          if (!first) {
            raw(',');
          }
          first = false;
          value(item, depth + 1, seen, policy);
        }
        raw(']');
      }
    } catch (RuntimeException e) {
      // a concurrently modified or hostile collection: drop what was written of it, keep the line valid
      len = mark;
      raw(isMap ? '{' : '[');
      raw(isMap ? '}' : ']');
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
    } catch (Throwable e) {
      rethrowIfFatal(e);
      return "[toString() failed: " + e.getClass().getName() + "]";
    }
  }

  /**
   * @param error an exception
   * @return its message, or a marker naming the exception {@code getMessage()} threw
   */
  public static String safeMessage(Throwable error) {
    try {
      return error.getMessage();
    } catch (Throwable e) {
      rethrowIfFatal(e);
      return "[getMessage() failed: " + e.getClass().getName() + "]";
    }
  }

  /**
   * Lets a {@link VirtualMachineError} other than a stack overflow go on: the JVM, not a log line, is broken.
   *
   * @param e what was caught
   */
  public static void rethrowIfFatal(Throwable e) {
    if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
      throw fatal;
    }
  }

  /** @param bytes appended as they are, inside an open string (package use: pre-encoded ASCII) */
  void rawBytes(byte[] bytes) {
    raw(bytes);
  }

  /**
   * @param value non-negative number appended as exactly {@code width} digits, zero-padded
   * @param width digits
   */
  void fixedDigits(int value, int width) {
    ensure(width);
    int v = value;
    for (int at = len + width - 1; at >= len; at--) {
      buf[at] = (byte) ('0' + v % 10);
      v /= 10;
    }
    len += width;
  }

  /** Appends bytes the caller made room for. */
  private void copy(byte[] bytes) {
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
  }

  private void raw(char c) {
    ensure(1);
    buf[len++] = (byte) c;
  }

  private void raw(byte[] bytes) {
    ensure(bytes.length);
    copy(bytes);
  }

  private void appendAscii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void appendLong(long value) {
    ensure(20);
    putLong(value);
  }

  /** Decimal digits of {@code value}; the caller ensured 20 bytes of room. */
  private void putLong(long value) {
    if (value == Long.MIN_VALUE) {
      byte[] digits = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(digits, 0, buf, len, digits.length);
      len += digits.length;
      return;
    }
    long v = value;
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long p = 10; digits < 19 && v >= p; p *= 10) {
      digits++;
    }
    int at = len + digits;
    len = at;
    do {
      buf[--at] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    } while (v != 0);
  }

  private void appendString(String s, int maxLength) {
    int end = Math.min(s.length(), maxLength);
    ensure(end * MAX_BYTES_PER_CHAR + SLACK);
    putString(s, end);
  }

  /** Writes {@code "s[0, end)"} plus the truncation marker; the caller ensured the room. */
  private void putString(String s, int end) {
    buf[len++] = '"';
    encodeChars(s, 0, end);
    if (end < s.length()) {
      encodeChars("…[truncated ", 0, 12);
      putLong(s.length() - end);
      for (int i = 0; i < 7; i++) {
        buf[len++] = (byte) " chars]".charAt(i);
      }
    }
    buf[len++] = '"';
  }

  /**
   * Escapes and UTF-8-encodes {@code s[from, to)}: runs of printable ASCII are copied with one store per
   * char and no other calls; everything else is handled one char at a time between runs.
   */
  private void appendChars(String s, int from, int to) {
    ensure((to - from) * MAX_BYTES_PER_CHAR);
    encodeChars(s, from, to);
  }

  /** {@link #appendChars} without the capacity check: the caller ensured the room. */
  private void encodeChars(String s, int from, int to) {
    boolean[] plain = PLAIN;
    byte[] b = buf;
    int n = len;
    int i = from;
    while (i < to) {
      int offset = n - i;
      for (; i < to; i++) {
        char c = s.charAt(i);
        if (c >= 0x80 || !plain[c]) {
          break;
        }
        b[offset + i] = (byte) c;
      }
      n = offset + i;
      if (i == to) {
        break;
      }
      char c = s.charAt(i++);
      if (c == '"' || c == '\\') {
        b[n++] = '\\';
        b[n++] = (byte) c;
      } else if (c < 0xa0) { // C0 and C1 controls, DEL
        n = control(b, n, c);
      } else if (c < 0x800) {
        b[n++] = (byte) (0xc0 | (c >> 6));
        b[n++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i < to && Character.isLowSurrogate(s.charAt(i))) {
          int cp = Character.toCodePoint(c, s.charAt(i++));
          b[n++] = (byte) (0xf0 | (cp >> 18));
          b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          b[n++] = (byte) (0x80 | (cp & 0x3f));
        } else {
          n = unicodeEscape(b, n, c); // lone surrogate: never raw, the line stays valid UTF-8
        }
      } else if (c == '\u2028' || c == '\u2029') {
        n = unicodeEscape(b, n, c);
      } else {
        b[n++] = (byte) (0xe0 | (c >> 12));
        b[n++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[n++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    len = n;
  }

  /**
   * {@link #encodeChars} that also ORs {@link RedactionPolicy#textKind} over the chars, for {@link #redactedString}:
   * a run of {@link #PLAIN} chars (most values are one) is copied and summarized in one pass; from the first char to
   * escape on, the rest goes through {@link #encodeChars}, the one escaping rule, and its kinds are read apart.
   * A loop of its own, so text written as it is, such as stack frames, does not pay for the summary.
   *
   * @return that OR
   */
  private int encodeCharsSummarized(String s, int from, int to) {
    boolean[] plain = PLAIN;
    byte[] b = buf;
    int offset = len - from;
    int kinds = 0;
    int i = from;
    for (; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || !plain[c]) {
        break;
      }
      kinds |= RedactionPolicy.textKind(c);
      b[offset + i] = (byte) c;
    }
    len = offset + i;
    if (i < to) {
      for (int rest = i; rest < to; rest++) {
        kinds |= RedactionPolicy.textKind(s.charAt(rest));
      }
      encodeChars(s, i, to);
    }
    return kinds;
  }

  private static int control(byte[] b, int n, char c) {
    byte shortForm = switch (c) {
      case '\n' -> (byte) 'n';
      case '\r' -> (byte) 'r';
      case '\t' -> (byte) 't';
      case '\b' -> (byte) 'b';
      case '\f' -> (byte) 'f';
      default -> 0;
    };
    if (shortForm == 0) {
      return unicodeEscape(b, n, c);
    }
    b[n++] = '\\';
    b[n++] = shortForm;
    return n;
  }

  private static int unicodeEscape(byte[] b, int n, char c) {
    b[n++] = '\\';
    b[n++] = 'u';
    b[n++] = HEX[(c >> 12) & 0xf];
    b[n++] = HEX[(c >> 8) & 0xf];
    b[n++] = HEX[(c >> 4) & 0xf];
    b[n++] = HEX[c & 0xf];
    return n;
  }

  private void ensure(int extra) {
    int needed = len + extra;
    if (needed > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
    }
  }
}
