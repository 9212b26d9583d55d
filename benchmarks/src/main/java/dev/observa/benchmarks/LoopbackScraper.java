package dev.observa.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 scraper over one kept-alive loopback connection: sends {@code GET path} and reads the
 * answer into a reused buffer, so what a scrape allocates is the server's, not the client's: a scrape allocates
 * nothing here (JMH's {@code gc.alloc.rate.norm} counts every thread of the JVM, this client's included).
 */
final class LoopbackScraper implements AutoCloseable {
  private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CHUNKED = "\r\ntransfer-encoding: chunked".getBytes(StandardCharsets.US_ASCII);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] request;
  private final byte[] buffer = new byte[64 * 1024];

  LoopbackScraper(int port, String path, String acceptEncoding) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(60_000);
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
    request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + (acceptEncoding == null ? "" : "Accept-Encoding: " + acceptEncoding + "\r\n") + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private int pos;
  private int limit;

  /** @return the body's length in bytes (Content-Length or chunked answers) */
  long scrape() throws IOException {
    out.write(request);
    out.flush();
    pos = 0;
    limit = 0;
    // the head, up to the blank line
    int headEnd;
    while ((headEnd = headEnd()) < 0) {
      fill();
    }
    long length = header(headEnd, CONTENT_LENGTH);
    boolean chunked = length < 0 && header(headEnd, CHUNKED) >= 0;
    pos = headEnd;
    if (!chunked) {
      if (length < 0) {
        throw new IOException("neither Content-Length nor chunked in the answer");
      }
      skip(length);
      return length;
    }
    long total = 0;
    while (true) {
      long size = chunkSize();
      if (size == 0) {
        line(); // the blank line after the last chunk (no trailers)
        return total;
      }
      skip(size);
      line();
      total += size;
    }
  }

  private void fill() throws IOException {
    if (limit == buffer.length) {
      System.arraycopy(buffer, pos, buffer, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    int n = in.read(buffer, limit, buffer.length - limit);
    if (n < 0) {
      throw new IOException("connection closed");
    }
    limit += n;
  }

  private void skip(long count) throws IOException {
    long remaining = count;
    while (remaining > 0) {
      if (pos == limit) {
        pos = 0;
        limit = 0;
        fill();
      }
      int n = (int) Math.min(limit - pos, remaining);
      pos += n;
      remaining -= n;
    }
  }

  /** Reads a line and returns the hex chunk size at its start. */
  private long chunkSize() throws IOException {
    long size = 0;
    int end = line();
    for (int i = lineStart; i < end; i++) {
      int digit = Character.digit(buffer[i], 16);
      if (digit < 0) {
        break;
      }
      size = size * 16 + digit;
    }
    return size;
  }

  private int lineStart;

  /** Consumes one CRLF-terminated line; {@link #lineStart} and the returned index delimit it. */
  private int line() throws IOException {
    while (true) {
      for (int i = pos; i + 1 < limit; i++) {
        if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
          lineStart = pos;
          pos = i + 2;
          return i;
        }
      }
      if (pos > 0 && limit == buffer.length) {
        System.arraycopy(buffer, pos, buffer, 0, limit - pos);
        limit -= pos;
        pos = 0;
      }
      int n = in.read(buffer, limit, buffer.length - limit);
      if (n < 0) {
        throw new IOException("connection closed in a chunk line");
      }
      limit += n;
    }
  }

  private int headEnd() {
    for (int i = 3; i < limit; i++) {
      if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
        return i + 1;
      }
    }
    return -1;
  }

  /** @return the decimal value after {@code bytes} (lower case) in the head, 0 when it has none, -1 when absent */
  private long header(int headEnd, byte[] bytes) {
    for (int i = 0; i + bytes.length <= headEnd; i++) {
      int k = 0;
      while (k < bytes.length && Character.toLowerCase(buffer[i + k]) == bytes[k]) {
        k++;
      }
      if (k == bytes.length) {
        long value = 0;
        for (int j = i + k; j < headEnd && buffer[j] != '\r'; j++) {
          if (buffer[j] >= '0' && buffer[j] <= '9') {
            value = value * 10 + (buffer[j] - '0');
          }
        }
        return value;
      }
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
