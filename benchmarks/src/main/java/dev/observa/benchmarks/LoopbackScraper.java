package dev.observa.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 scraper over one kept-alive loopback connection: sends {@code GET path} and reads the
 * answer into a reused buffer, so what a scrape allocates is the server's, not the client's.
 */
final class LoopbackScraper implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final byte[] request;
  private final byte[] buffer = new byte[64 * 1024];

  LoopbackScraper(int port, String path, String acceptEncoding) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(60_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
    request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + (acceptEncoding == null ? "" : "Accept-Encoding: " + acceptEncoding + "\r\n") + "\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** @return the body's length in bytes */
  long scrape() throws IOException {
    out.write(request);
    out.flush();
    // the head: up to the blank line, with Content-Length (the servers answer with one)
    int filled = 0;
    int headEnd;
    while ((headEnd = headEnd(filled)) < 0) {
      int n = in.read(buffer, filled, buffer.length - filled);
      if (n < 0) {
        throw new IOException("connection closed in the head");
      }
      filled += n;
    }
    long length = contentLength(headEnd);
    long remaining = length - (filled - headEnd);
    while (remaining > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) {
        throw new IOException("connection closed in the body");
      }
      remaining -= n;
    }
    return length;
  }

  private int headEnd(int filled) {
    for (int i = 3; i < filled; i++) {
      if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n' && buffer[i - 3] == '\r') {
        return i + 1;
      }
    }
    return -1;
  }

  private long contentLength(int headEnd) throws IOException {
    byte[] name = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + name.length < headEnd; i++) {
      int k = 0;
      while (k < name.length && Character.toLowerCase(buffer[i + k]) == name[k]) {
        k++;
      }
      if (k == name.length) {
        long value = 0;
        for (int j = i + k; j < headEnd && buffer[j] != '\r'; j++) {
          if (buffer[j] >= '0' && buffer[j] <= '9') {
            value = value * 10 + (buffer[j] - '0');
          }
        }
        return value;
      }
    }
    throw new IOException("no Content-Length in the answer");
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
