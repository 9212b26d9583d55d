package dev.observa.metrics;

import dev.observa.metrics.ClosedConnections.Reason;
import dev.observa.metrics.internal.HttpDate;
import dev.observa.metrics.internal.HttpRequestHead;
import dev.observa.spi.Diagnostics;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Serves the requests of one connection to {@link MetricsHttpServer}, one after the other, until the client
 * closes it, asks to, or stays idle for {@link #IDLE_TIMEOUT_MILLIS}. {@code TCP_NODELAY} is set and the head
 * and body of an answer leave through one 64 KiB buffer: a scrape is one write when it fits, and its last
 * segment is never held back waiting for the client's delayed ACK (Nagle's algorithm).
 *
 * <p>Against slow and hostile clients: a request head must be complete within the head timeout from its first
 * byte (total, not per read), else {@code 408} and the connection closes (RFC 9110 section 15.5.9: the server
 * "SHOULD send a close connection option"). The connection is {@link #evict evictable} while it reads (idle or
 * in a head) and not while it answers; {@link #abortIfOverdue} lets the server's watchdog close a connection
 * whose answer is not written within the write timeout (blocking socket writes have no timeout of their own),
 * and the server close the answer stalled the longest when a new connection finds every slot answering.
 */
final class MetricsHttpConnection implements Runnable {
  static final int IDLE_TIMEOUT_MILLIS = 30_000;
  private static final int READING = 0;
  private static final int ANSWERING = 1;
  private static final int CLOSED = 2;
  private static final int OUTPUT_BUFFER = 64 * 1024;

  private final Socket socket;
  private final ScrapeResponder responder;
  private final String path;
  private final Consumer<MetricsHttpConnection> onClose;
  private final ClosedConnections.Counts closedEarly;
  private final int headTimeoutMillis;
  private final AtomicInteger state = new AtomicInteger(READING);
  private volatile long since = System.nanoTime(); // when the current state began
  private final Answer answer = new Answer();
  private final byte[] date = new byte[HttpDate.LENGTH];
  private boolean headStarted;
  private long headDeadline;
  private int soTimeout;

  MetricsHttpConnection(Socket socket, ScrapeResponder responder, String path, int headTimeoutMillis,
      ClosedConnections.Counts closedEarly, Consumer<MetricsHttpConnection> onClose) {
    this.closedEarly = closedEarly;
    this.socket = socket;
    this.responder = responder;
    this.path = path;
    this.headTimeoutMillis = headTimeoutMillis;
    this.onClose = onClose;
  }

  /** @return when this connection began reading, in {@link System#nanoTime}, or {@code Long.MAX_VALUE} if not */
  long readingSince() {
    // state first: since is written before each state change, so it is then at least the state's own start
    return state.get() == READING ? since : Long.MAX_VALUE;
  }

  /** @return when this connection began its current answer, in {@link System#nanoTime}, or {@code Long.MAX_VALUE} */
  long answeringSince() {
    return state.get() == ANSWERING ? since : Long.MAX_VALUE;
  }

  /** Closes the connection unless it is answering. @return whether it was closed by this call */
  boolean evict() {
    return state.compareAndSet(READING, CLOSED) && closeSocket();
  }

  /** Closes the connection if its answer has been written for longer than {@code writeTimeoutNanos}. */
  boolean abortIfOverdue(long now, long writeTimeoutNanos) {
    return state.get() == ANSWERING && now - since > writeTimeoutNanos && state.compareAndSet(ANSWERING, CLOSED)
        && closeSocket();
  }

  /** Closes the connection, whatever it does. */
  void abort() {
    state.set(CLOSED);
    closeSocket();
  }

  /** @return whether the connection still counts against the server's limit */
  boolean live() {
    return state.get() != CLOSED;
  }

  private boolean closeSocket() {
    try {
      socket.close(); // ends a read or write blocked on it
    } catch (IOException e) {
      // closed anyway
    }
    return true;
  }

  @Override
  public void run() {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new HeadInput(socket.getInputStream());
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
      state.set(CLOSED);
      onClose.accept(this);
    }
  }

  /** @return whether the connection stays open for another request */
  private boolean serve(HttpRequestHead request, InputStream in, OutputStream out) throws IOException {
    headStarted = request.hasBufferedBytes();
    headDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(headTimeoutMillis);
    HttpRequestHead.Status status;
    try {
      status = request.read(in);
    } catch (SocketTimeoutException e) {
      if (headStarted && claim()) {
        closedEarly.count(Reason.HEAD_TIMEOUT);
        Diagnostics.warn("metrics.http.head-timeout", "metrics server closed a connection whose request head was "
            + "not complete within " + headTimeoutMillis + " ms");
        empty(out, "408 Request Timeout", null, true);
      }
      return false; // else idle for IDLE_TIMEOUT_MILLIS: closed without a word (RFC 9112 section 9.5)
    }
    if (status != HttpRequestHead.Status.END_OF_STREAM && !claim()) {
      return false; // evicted
    }
    switch (status) {
      case END_OF_STREAM:
        return false;
      case METHOD_TOO_LONG: // RFC 9112 section 3: a method longer than any it implements SHOULD get 501
        closedEarly.count(Reason.METHOD_TOO_LONG);
        empty(out, "501 Not Implemented", null, true);
        return false;
      case URI_TOO_LONG: // RFC 9112 section 3
        closedEarly.count(Reason.URI_TOO_LONG);
        empty(out, "414 URI Too Long", null, true);
        return false;
      case TOO_LARGE:
        closedEarly.count(Reason.HEAD_TOO_LARGE);
        empty(out, "431 Request Header Fields Too Large", null, true);
        return false;
      case MALFORMED:
        closedEarly.count(Reason.MALFORMED);
        empty(out, "400 Bad Request", null, true);
        return false;
      default:
        break;
    }
    boolean close = !request.keepAlive() || request.hasBody(); // a body is never read: the connection ends
    String method = request.method(); // case-sensitive (RFC 9110 section 9.1): "get" is not GET
    if (!request.path().equals(path)) {
      empty(out, "404 Not Found", null, close);
    } else if (method.length() > HttpRequestHead.MAX_METHOD_LENGTH) { // RFC 9112 section 3, as above
      empty(out, "501 Not Implemented", null, close);
    } else if (!method.equals("GET") && !method.equals("HEAD")) {
      empty(out, "405 Method Not Allowed", "Allow: GET, HEAD\r\n", close);
    } else {
      scrape(request, method.equals("HEAD"), close, out);
    }
    since = System.nanoTime();
    return !close && state.compareAndSet(ANSWERING, READING);
  }

  private void soTimeout(int millis) throws SocketException {
    if (millis != soTimeout) { // Socket.setSoTimeout boxes its argument: set only on a change
      socket.setSoTimeout(millis);
      soTimeout = millis;
    }
  }

  /** @return whether this connection may answer: it was reading and has not been evicted */
  private boolean claim() {
    since = System.nanoTime();
    return state.compareAndSet(READING, ANSWERING);
  }

  private void scrape(HttpRequestHead request, boolean head, boolean close, OutputStream out) throws IOException {
    answer.prepare(head, close, out);
    try {
      // rendered into a reused buffer before the head is sent: a failure is a clean 500, the length is known
      responder.respond(request.accept(), request.acceptEncoding(), answer);
      out.flush();
    } catch (RuntimeException e) {
      if (answer.headSent) {
        throw e; // part of the answer is out: only closing the connection tells the client
      }
      Diagnostics.warn("metrics.http", "metrics scrape failed: " + Diagnostics.describe(e));
      empty(out, "500 Internal Server Error", null, close);
    }
  }

  /** The head of a scrape's answer, written when the responder has rendered it; one per connection. */
  private final class Answer implements ScrapeResponder.Response {
    private boolean head;
    private boolean close;
    private OutputStream out;
    private boolean headSent;

    void prepare(boolean head, boolean close, OutputStream out) {
      this.head = head;
      this.close = close;
      this.out = out;
      this.headSent = false;
    }

    @Override
    public OutputStream start(String contentType, String contentEncoding, int contentLength) throws IOException {
      headSent = true;
      MetricsHttpConnection.this.head(out, "200 OK", close);
      ascii(out, "Content-Type: ");
      ascii(out, contentType);
      if (contentEncoding != null) {
        ascii(out, "\r\nContent-Encoding: ");
        ascii(out, contentEncoding);
      }
      ascii(out, "\r\nContent-Length: ");
      decimal(out, contentLength);
      ascii(out, "\r\n\r\n");
      return head ? null : out;
    }
  }

  private void empty(OutputStream out, String status, String extraHeaders, boolean close) throws IOException {
    head(out, status, close);
    if (extraHeaders != null) {
      ascii(out, extraHeaders);
    }
    ascii(out, "Content-Length: 0\r\n\r\n");
    out.flush();
  }

  /** The status line, {@code Date} and, when the connection ends, {@code Connection: close}. */
  private void head(OutputStream out, String status, boolean close) throws IOException {
    ascii(out, "HTTP/1.1 ");
    ascii(out, status);
    ascii(out, "\r\nDate: ");
    out.write(date, 0, HttpDate.imfFixdate(System.currentTimeMillis(), date, 0));
    ascii(out, close ? "\r\nConnection: close\r\n" : "\r\n");
  }

  /** Writes ASCII text into the connection's buffered output, without encoding it into a new array. */
  private static void ascii(OutputStream out, String text) throws IOException {
    for (int i = 0; i < text.length(); i++) {
      out.write(text.charAt(i));
    }
  }

  private static void decimal(OutputStream out, int value) throws IOException {
    if (value >= 10) {
      decimal(out, value / 10);
    }
    out.write('0' + value % 10);
  }

  /**
   * Reads with the idle timeout until the first byte of a head, then with what is left of the head's deadline:
   * a head sent one byte at a time cannot hold the connection longer than the head timeout.
   */
  private final class HeadInput extends InputStream {
    private final InputStream in;

    HeadInput(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (!headStarted) {
        soTimeout(IDLE_TIMEOUT_MILLIS);
        int n = in.read(bytes, offset, length);
        if (n > 0) {
          headStarted = true;
          headDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(headTimeoutMillis);
        }
        return n;
      }
      long left = TimeUnit.NANOSECONDS.toMillis(headDeadline - System.nanoTime());
      if (left <= 0) {
        throw new SocketTimeoutException("request head not complete in time");
      }
      soTimeout((int) Math.min(left, Integer.MAX_VALUE));
      return in.read(bytes, offset, length);
    }
  }
}
