package dev.observa.metrics.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The head of one HTTP/1.x request (RFC 9112), read from a kept-alive connection into a buffer reused from
 * request to request: at most {@link #MAX_HEAD_BYTES}; bytes after the head (a pipelined request) stay for the
 * next {@link #read}. Keeps only what a scrape endpoint needs: method, path (without query), {@code Accept},
 * {@code Accept-Encoding}, whether the connection stays open and whether a body follows. Not thread-safe.
 */
public final class HttpRequestHead {
  /** The largest head accepted, in bytes. */
  public static final int MAX_HEAD_BYTES = 8 * 1024;

  /** What {@link #read} found: {@code URI_TOO_LONG} when the request line alone fills the buffer. */
  public enum Status { REQUEST, END_OF_STREAM, URI_TOO_LONG, TOO_LARGE, MALFORMED }

  private final byte[] buffer = new byte[MAX_HEAD_BYTES];
  private int start;
  private int limit;
  private String method;
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
        return lineEnds() ? Status.TOO_LARGE : Status.URI_TOO_LONG;
      }
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        return limit == 0 ? Status.END_OF_STREAM : Status.MALFORMED;
      }
      limit += n;
    }
    start = end;
    return parse(new String(buffer, 0, end, StandardCharsets.ISO_8859_1)) ? Status.REQUEST : Status.MALFORMED;
  }

  /** @return whether the buffer holds the end of the request line (after any empty lines before it) */
  private boolean lineEnds() {
    int i = 0;
    while (i < limit && (buffer[i] == '\r' || buffer[i] == '\n')) {
      i++;
    }
    for (; i < limit; i++) {
      if (buffer[i] == '\n') {
        return true;
      }
    }
    return false;
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

  private boolean parse(String head) {
    String[] lines = head.stripLeading().split("\r?\n");
    String[] requestLine = lines[0].split(" ", -1);
    if (requestLine.length != 3 || requestLine[0].isEmpty() || !requestLine[2].matches("HTTP/1\\.[01]")) {
      return false;
    }
    method = requestLine[0];
    path = path(requestLine[1]);
    keepAlive = requestLine[2].equals("HTTP/1.1");
    accept = null;
    acceptEncoding = null;
    body = false;
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      // no whitespace before the colon, no obsolete line folding (RFC 9112 section 5)
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.charAt(colon - 1) == ' ') {
        return false;
      }
      String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (name) {
        case "accept" -> accept = accept == null ? value : accept + ", " + value;
        case "accept-encoding" -> acceptEncoding = acceptEncoding == null ? value : acceptEncoding + ", " + value;
        case "connection" -> keepAlive = connection(value.toLowerCase(Locale.ROOT), keepAlive);
        case "content-length" -> body |= !value.equals("0");
        case "transfer-encoding" -> body = true;
        default -> { }
      }
    }
    return true;
  }

  private static boolean connection(String tokens, boolean keepAlive) {
    for (String token : tokens.split(",", 16)) {
      if (token.trim().equals("close")) {
        return false;
      }
      if (token.trim().equals("keep-alive")) {
        keepAlive = true;
      }
    }
    return keepAlive;
  }

  /** @return the path of an origin-form or absolute-form target, without its query */
  private static String path(String target) {
    int from = 0;
    if (!target.startsWith("/")) {
      int scheme = target.indexOf("://");
      from = scheme < 0 ? 0 : target.indexOf('/', scheme + 3);
      if (from < 0) {
        return "/";
      }
    }
    int query = target.indexOf('?', from);
    return target.substring(from, query < 0 ? target.length() : query);
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
