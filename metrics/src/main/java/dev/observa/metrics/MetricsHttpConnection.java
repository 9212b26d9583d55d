package dev.observa.metrics;

import dev.observa.metrics.internal.HttpRequestHead;
import dev.observa.spi.Diagnostics;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Serves the requests of one connection to {@link MetricsHttpServer}, one after the other, until the client
 * closes it, asks to, or stays idle for {@link #IDLE_TIMEOUT_MILLIS}. {@code TCP_NODELAY} is set and the head
 * and body of an answer leave through one 64 KiB buffer: a scrape is one write when it fits, and its last
 * segment is never held back waiting for the client's delayed ACK (Nagle's algorithm).
 */
final class MetricsHttpConnection implements Runnable {
  static final int IDLE_TIMEOUT_MILLIS = 30_000;
  private static final int OUTPUT_BUFFER = 64 * 1024;
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH); // RFC 9110 section 5.6.7

  private final Socket socket;
  private final ScrapeResponder responder;
  private final String path;
  private final Runnable onClose;
  private boolean headSent;

  MetricsHttpConnection(Socket socket, ScrapeResponder responder, String path, Runnable onClose) {
    this.socket = socket;
    this.responder = responder;
    this.path = path;
    this.onClose = onClose;
  }

  @Override
  public void run() {
    try (socket) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
      InputStream in = socket.getInputStream();
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), OUTPUT_BUFFER);
      HttpRequestHead request = new HttpRequestHead();
      while (serve(request, in, out)) {
        // the next request on the kept-alive connection
      }
    } catch (SocketTimeoutException | SocketException e) {
      // idle, reset by the client or closed by MetricsHttpServer.close(): nothing to report
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("metrics.http", "metrics request failed: " + Diagnostics.describe(e));
    } finally {
      onClose.run();
    }
  }

  /** @return whether the connection stays open for another request */
  private boolean serve(HttpRequestHead request, InputStream in, OutputStream out) throws IOException {
    switch (request.read(in)) {
      case END_OF_STREAM:
        return false;
      case TOO_LARGE:
        empty(out, "431 Request Header Fields Too Large", null, true);
        return false;
      case MALFORMED:
        empty(out, "400 Bad Request", null, true);
        return false;
      default:
        break;
    }
    boolean close = !request.keepAlive() || request.hasBody(); // a body is never read: the connection ends
    String method = request.method().toUpperCase(Locale.ROOT);
    if (!request.path().equals(path)) {
      empty(out, "404 Not Found", null, close);
    } else if (!method.equals("GET") && !method.equals("HEAD")) {
      empty(out, "405 Method Not Allowed", "Allow: GET, HEAD\r\n", close);
    } else {
      scrape(request, method.equals("HEAD"), close, out);
    }
    return !close;
  }

  private void scrape(HttpRequestHead request, boolean head, boolean close, OutputStream out) throws IOException {
    headSent = false;
    try {
      // rendered into a reused buffer before the head is sent: a failure is a clean 500, the length is known
      responder.respond(request.accept(), request.acceptEncoding(), (contentType, contentEncoding, length) -> {
        headSent = true;
        head(out, "200 OK", close);
        ascii(out, "Content-Type: " + contentType + "\r\n"
            + (contentEncoding == null ? "" : "Content-Encoding: " + contentEncoding + "\r\n")
            + "Content-Length: " + length + "\r\n\r\n");
        return head ? null : out;
      });
      out.flush();
    } catch (RuntimeException e) {
      if (headSent) {
        throw e; // part of the answer is out: only closing the connection tells the client
      }
      Diagnostics.warn("metrics.http", "metrics scrape failed: " + Diagnostics.describe(e));
      empty(out, "500 Internal Server Error", null, close);
    }
  }

  private static void empty(OutputStream out, String status, String extraHeaders, boolean close) throws IOException {
    head(out, status, close);
    ascii(out, (extraHeaders == null ? "" : extraHeaders) + "Content-Length: 0\r\n\r\n");
    out.flush();
  }

  private static void head(OutputStream out, String status, boolean close) throws IOException {
    ascii(out, "HTTP/1.1 " + status + "\r\nDate: "
        + IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC)) + "\r\n"
        + (close ? "Connection: close\r\n" : ""));
  }

  private static void ascii(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
