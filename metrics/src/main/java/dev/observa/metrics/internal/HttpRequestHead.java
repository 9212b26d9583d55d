package dev.observa.metrics.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The head of one HTTP/1.x request (RFC 9112), read from a kept-alive connection into a buffer reused from
 * request to request: at most {@link #MAX_HEAD_BYTES}; bytes after the head (a pipelined request) stay for the
 * next {@link #read}. Keeps only what a scrape endpoint needs: method, path (without query), {@code Accept},
 * {@code Accept-Encoding}, whether the connection stays open and whether a body follows. Parsed where it lies;
 * a head like the previous one allocates nothing (its strings are reused). Not thread-safe.
 */
public final class HttpRequestHead {
  /** The largest head accepted, in bytes. */
  public static final int MAX_HEAD_BYTES = 8 * 1024;

  /**
   * What {@link #read} found: {@code URI_TOO_LONG} when the request line alone fills the buffer,
   * {@code METHOD_TOO_LONG} when it does and its method is already longer than any the server knows.
   */
  public enum Status { REQUEST, END_OF_STREAM, URI_TOO_LONG, METHOD_TOO_LONG, TOO_LARGE, MALFORMED }

  /**
   * The longest method the server knows ({@code OPTIONS}, {@code CONNECT}: RFC 9110's methods); it serves
   * {@code GET} and {@code HEAD} and answers the other known ones {@code 405}, a longer one {@code 501}.
   */
  public static final int MAX_METHOD_LENGTH = 7;

  private final byte[] buffer = new byte[MAX_HEAD_BYTES];
  private int start;
  private int limit;
  private static final String[] METHODS = {"GET", "HEAD"};

  private String method;
  private String lastPath;
  private String lastAccept;
  private String lastAcceptEncoding;
  private String path;
  private String accept;
  private String acceptEncoding;
  private boolean keepAlive;
  private boolean body;

  /**
   * @param in the connection's input
   * @return what was read; only after {@link Status#REQUEST} may the accessors be used
   * @throws IOException from the connection (a read timeout included)
   */
  public Status read(InputStream in) throws IOException {
    System.arraycopy(buffer, start, buffer, 0, limit - start);
    limit -= start;
    start = 0;
    int end;
    while ((end = headEnd()) < 0) {
      if (limit == buffer.length) {
        return lineEnds() ? Status.TOO_LARGE : methodTooLong() ? Status.METHOD_TOO_LONG : Status.URI_TOO_LONG;
      }
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        return limit == 0 ? Status.END_OF_STREAM : Status.MALFORMED;
      }
      limit += n;
    }
    start = end;
    return parse(end) ? Status.REQUEST : Status.MALFORMED;
  }

  /** @return whether the method (after any empty lines) runs past {@link #MAX_METHOD_LENGTH} bytes */
  private boolean methodTooLong() {
    int from = requestLineStart();
    int i = from;
    while (i < limit && buffer[i] != ' ') {
      i++;
    }
    return i - from > MAX_METHOD_LENGTH;
  }

  /** @return whether the buffer holds the end of the request line (after any empty lines before it) */
  private boolean lineEnds() {
    for (int i = requestLineStart(); i < limit; i++) {
      if (buffer[i] == '\n') {
        return true;
      }
    }
    return false;
  }

  /** @return where the request line starts: after the empty lines a client may send first (RFC 9112 section 2.2) */
  private int requestLineStart() {
    int i = 0;
    while (i < limit && (buffer[i] == '\r' || buffer[i] == '\n')) {
      i++;
    }
    return i;
  }

  /** @return the index after the blank line ending the head (CRLF CRLF, or bare LF LF), or -1 */
  private int headEnd() {
    for (int i = 1; i < limit; i++) {
      if (buffer[i] == '\n' && (buffer[i - 1] == '\n' || (i >= 2 && buffer[i - 1] == '\r' && buffer[i - 2] == '\n'))) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * Parses the head in {@code buffer[0, end)} where it lies, without a string per line: the values kept are strings
   * reused from the previous request when their bytes are the same (a scraper sends the same head every time).
   */
  private boolean parse(int end) {
    int from = 0;
    while (from < end && latin1Whitespace(buffer[from])) {
      from++;
    }
    int lineEnd = lineEnd(from, end);
    int contentEnd = contentEnd(from, lineEnd);
    int firstSpace = indexOf(' ', from, contentEnd);
    int secondSpace = firstSpace < 0 ? -1 : indexOf(' ', firstSpace + 1, contentEnd);
    if (firstSpace <= from || secondSpace < 0 || indexOf(' ', secondSpace + 1, contentEnd) >= 0
        || !isHttp1(secondSpace + 1, contentEnd)) {
      return false;
    }
    method = method(from, firstSpace);
    path(firstSpace + 1, secondSpace);
    keepAlive = buffer[contentEnd - 1] == '1';
    accept = null;
    acceptEncoding = null;
    body = false;
    for (int line = lineEnd + 1; line < end; line = lineEnd + 1) {
      lineEnd = lineEnd(line, end);
      contentEnd = contentEnd(line, lineEnd);
      if (contentEnd == line) {
        break; // the blank line ending the head
      }
      int colon = indexOf(':', line, contentEnd);
      // no whitespace before the colon, no obsolete line folding (RFC 9112 section 5)
      if (colon <= line || buffer[line] == ' ' || buffer[line] == '\t' || buffer[colon - 1] == ' ') {
        return false;
      }
      int valueFrom = colon + 1;
      int valueTo = contentEnd;
      while (valueFrom < valueTo && (buffer[valueFrom] & 0xff) <= ' ') {
        valueFrom++;
      }
      while (valueTo > valueFrom && (buffer[valueTo - 1] & 0xff) <= ' ') {
        valueTo--;
      }
      if (named("accept", line, colon)) {
        String value = lastAccept = reuse(lastAccept, valueFrom, valueTo);
        accept = accept == null ? value : accept + ", " + value;
      } else if (named("accept-encoding", line, colon)) {
        String value = lastAcceptEncoding = reuse(lastAcceptEncoding, valueFrom, valueTo);
        acceptEncoding = acceptEncoding == null ? value : acceptEncoding + ", " + value;
      } else if (named("connection", line, colon)) {
        keepAlive = connection(valueFrom, valueTo, keepAlive);
      } else if (named("content-length", line, colon)) {
        body |= valueTo - valueFrom != 1 || buffer[valueFrom] != '0';
      } else if (named("transfer-encoding", line, colon)) {
        body = true;
      }
    }
    return true;
  }

  /** @return the index of the {@code \n} ending the line starting at {@code from}, or {@code end} */
  private int lineEnd(int from, int end) {
    int i = from;
    while (i < end && buffer[i] != '\n') {
      i++;
    }
    return i;
  }

  /** @return the end of the line's content: before the {@code \r} of a CRLF */
  private int contentEnd(int from, int lineEnd) {
    return lineEnd > from && buffer[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
  }

  private int indexOf(char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buffer[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** What {@code String.stripLeading} strips from a head decoded as ISO-8859-1. */
  private static boolean latin1Whitespace(byte b) {
    return b == ' ' || b >= 0x09 && b <= 0x0d || b >= 0x1c && b <= 0x1f;
  }

  private boolean isHttp1(int from, int to) {
    return to - from == 8 && buffer[from] == 'H' && buffer[from + 1] == 'T' && buffer[from + 2] == 'T'
        && buffer[from + 3] == 'P' && buffer[from + 4] == '/' && buffer[from + 5] == '1' && buffer[from + 6] == '.'
        && (buffer[from + 7] == '0' || buffer[from + 7] == '1');
  }

  /** @return whether {@code buffer[from, to)} is {@code name}, ignoring ASCII case */
  private boolean named(String name, int from, int to) {
    if (to - from != name.length()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      int b = buffer[from + i];
      if ((b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String method(int from, int to) {
    for (String known : METHODS) {
      if (to - from == known.length() && same(known, from, to)) {
        return known;
      }
    }
    return new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** @return {@code previous} when it has the bytes of {@code buffer[from, to)}, else a new string of them */
  private String reuse(String previous, int from, int to) {
    return previous != null && previous.length() == to - from && same(previous, from, to) ? previous
        : new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private boolean same(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if ((buffer[i] & 0xff) != text.charAt(i - from)) {
        return false;
      }
    }
    return true;
  }

  /** The {@code close} and {@code keep-alive} tokens among the first 16 of a {@code Connection} value. */
  private boolean connection(int from, int to, boolean keepAlive) {
    int start = from;
    for (int token = 1; start <= to; token++) {
      int comma = token < 16 ? indexOf(',', start, to) : -1;
      int tokenEnd = comma < 0 ? to : comma;
      int s = start;
      int e = tokenEnd;
      while (s < e && (buffer[s] & 0xff) <= ' ') {
        s++;
      }
      while (e > s && (buffer[e - 1] & 0xff) <= ' ') {
        e--;
      }
      if (named("close", s, e)) {
        return false;
      }
      if (named("keep-alive", s, e)) {
        keepAlive = true;
      }
      start = tokenEnd + 1;
    }
    return keepAlive;
  }

  /** Keeps the path of an origin-form or absolute-form target in {@code buffer[from, to)}, without its query. */
  private void path(int from, int to) {
    int pathFrom = from;
    if (to == from || buffer[from] != '/') {
      int scheme = -1;
      for (int i = from; i + 2 < to && scheme < 0; i++) {
        if (buffer[i] == ':' && buffer[i + 1] == '/' && buffer[i + 2] == '/') {
          scheme = i;
        }
      }
      pathFrom = scheme < 0 ? from : indexOf('/', scheme + 3, to);
      if (pathFrom < 0) {
        path = "/";
        return;
      }
    }
    int query = indexOf('?', pathFrom, to);
    path = lastPath = reuse(lastPath, pathFrom, query < 0 ? to : query);
  }

  /** @return whether bytes of a next (pipelined) request are already buffered: its head has begun */
  public boolean hasBufferedBytes() {
    return limit > start;
  }

  /** @return the method, as sent (case-sensitive, RFC 9110 section 9.1) */
  public String method() {
    return method;
  }

  /** @return the target's path, without query */
  public String path() {
    return path;
  }

  /** @return the {@code Accept} values joined, or null */
  public String accept() {
    return accept;
  }

  /** @return the {@code Accept-Encoding} values joined, or null */
  public String acceptEncoding() {
    return acceptEncoding;
  }

  /** @return whether the client keeps the connection open after the answer */
  public boolean keepAlive() {
    return keepAlive;
  }

  /** @return whether a body follows the head (never read: the connection is closed after the answer) */
  public boolean hasBody() {
    return body;
  }
}
