package dev.observa.metrics;

import dev.observa.metrics.internal.ScrapeBuffer;
import dev.observa.metrics.internal.ScrapeBufferPool;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Answers scrapes over HTTP without allocating in proportion to the answer: the exposition is rendered
 * into a buffer reused from scrape to scrape (and gzipped into another one when the scraper accepts gzip),
 * then written to the response with its exact length. A failure while rendering leaves the response
 * untouched, so the server can still answer {@code 500}. {@link MetricsHttpServer} and the Spring Boot
 * starter's {@code /metrics} servlet answer through it.
 *
 * <pre>{@code
 * ScrapeResponder responder = ScrapeResponder.of(prometheus);
 * responder.respond(request.getHeader("Accept"), request.getHeader("Accept-Encoding"),
 *     (contentType, contentEncoding, length) -> {
 *       response.setContentType(contentType);
 *       ...
 *       return response.getOutputStream();
 *     });
 * }</pre>
 *
 * <p>A server that writes the body after its handler returned (Spring's message converters behind Actuator's
 * {@code /actuator/prometheus}) takes the rendered answer with {@link #render} and gives its buffer back by
 * closing it.
 *
 * <p>Thread-safe; keeps two buffers (of at most 64 MiB each) between scrapes.
 *
 * @since 0.1.0
 */
public final class ScrapeResponder implements AutoCloseable {
  private static final long MAX_RETAINED_BYTES = 64L * 1024 * 1024;
  private static final int WRITE_SLICE = 4096;

  private final PrometheusMetrics metrics;
  private final ScrapeBufferPool pool = new ScrapeBufferPool(2, MAX_RETAINED_BYTES);

  private ScrapeResponder(PrometheusMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * @param metrics what to serve
   * @return a responder for them
   */
  public static ScrapeResponder of(PrometheusMetrics metrics) {
    return new ScrapeResponder(metrics);
  }

  /** Where an answer goes: its headers first, then its body. */
  @FunctionalInterface
  public interface Response {
    /**
     * @param contentType the {@code Content-Type}
     * @param contentEncoding {@code gzip}, or null for none
     * @param contentLength the body's length in bytes
     * @return where to write the body, or null for a {@code HEAD} request (nothing is written)
     * @throws IOException from the server
     */
    OutputStream start(String contentType, String contentEncoding, int contentLength) throws IOException;
  }

  /**
   * Renders a scrape and sends it.
   *
   * @param accept the request's {@code Accept} header, may be null
   * @param acceptEncoding the request's {@code Accept-Encoding} header, may be null
   * @param response the response to send it to
   * @throws IOException from the server
   */
  public void respond(String accept, String acceptEncoding, Response response) throws IOException {
    ScrapeBuffer buffer = pool.acquire();
    try {
      String contentType = fill(buffer, accept, acceptEncoding);
      OutputStream body = response.start(contentType, buffer.gzipped() ? "gzip" : null, buffer.length());
      if (body != null) {
        write(buffer.array(), 0, buffer.length(), body);
        body.flush();
      }
    } finally {
      pool.release(buffer);
    }
  }

  /** @return the content type of the scrape rendered into {@code buffer}, gzipped when the scraper accepts it */
  private String fill(ScrapeBuffer buffer, String accept, String acceptEncoding) throws IOException {
    String contentType = metrics.scrape(accept, buffer);
    if (acceptsGzip(acceptEncoding)) {
      buffer.gzip();
    }
    return contentType;
  }

  /**
   * Writes in slices a server's own buffer takes without copying (the JDK's {@code HttpServer} copied a write
   * larger than its 4 KiB buffer into a new one twice its size; {@link MetricsHttpServer} coalesces them into
   * 64 KiB writes).
   */
  private static void write(byte[] bytes, int from, int to, OutputStream out) throws IOException {
    for (int offset = from; offset < to; offset += WRITE_SLICE) {
      out.write(bytes, offset, Math.min(WRITE_SLICE, to - offset));
    }
  }

  /**
   * Renders a scrape and holds it, in its reused buffer, until {@link Answer#close()}: for a server that sends
   * the body later than its handler returns. Reading it (e.g. {@code answer.transferTo(out)}, one write of the
   * whole answer) copies nothing. An answer never closed is left to the garbage collector; the next scrape
   * renders into another buffer.
   *
   * @param accept the request's {@code Accept} header, may be null
   * @param acceptEncoding the request's {@code Accept-Encoding} header, may be null
   * @return the answer, to be closed once sent
   * @throws IOException if rendering fails
   */
  public Answer render(String accept, String acceptEncoding) throws IOException {
    ScrapeBuffer buffer = pool.acquire();
    try {
      String contentType = fill(buffer, accept, acceptEncoding);
      return new Answer(buffer, contentType, buffer.gzipped() ? "gzip" : null);
    } catch (IOException | RuntimeException | Error e) {
      pool.release(buffer);
      throw e;
    }
  }

  /**
   * A rendered scrape, read as a stream of its bytes; closing it gives its buffer back for the next scrape.
   *
   * @since 0.1.0
   */
  public final class Answer extends ByteArrayInputStream {
    private final ScrapeBuffer buffer;
    private final String contentType;
    private final String contentEncoding;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Answer(ScrapeBuffer buffer, String contentType, String contentEncoding) {
      super(buffer.array(), 0, buffer.length());
      this.buffer = buffer;
      this.contentType = contentType;
      this.contentEncoding = contentEncoding;
    }

    /** @return the {@code Content-Type} of the answer */
    public String contentType() {
      return contentType;
    }

    /** @return {@code gzip}, or null for none */
    public String contentEncoding() {
      return contentEncoding;
    }

    /** @return the answer's length in bytes */
    public int length() {
      return buffer.length();
    }

    /**
     * Writes the rest of the answer from the buffer itself, in slices a server's own buffer takes without
     * copying. Overridden because JDK 22 and later copy through a new array of up to 128 KiB when the target is
     * not a {@code java.io} stream.
     */
    @Override
    public synchronized long transferTo(OutputStream out) throws IOException {
      int start = pos;
      write(buf, pos, count, out);
      pos = count;
      return count - start;
    }

    /** Gives the buffer back; reading afterwards finds the end of the stream. */
    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        synchronized (this) {
          buf = new byte[0];
          pos = 0;
          count = 0;
          mark = 0;
        }
        pool.release(buffer);
      }
    }
  }

  /** @return whether an {@code Accept-Encoding} value accepts gzip (a {@code q=0} on it refuses it) */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    // read where it lies (no split, no regex): a scrape allocates nothing here
    int start = 0;
    for (int coding = 1; start <= acceptEncoding.length(); coding++) {
      int comma = coding < 16 ? acceptEncoding.indexOf(',', start) : -1;
      int end = comma < 0 ? acceptEncoding.length() : comma;
      int semicolon = acceptEncoding.indexOf(';', start);
      int nameEnd = semicolon < 0 || semicolon > end ? end : semicolon;
      int nameStart = start;
      while (nameStart < nameEnd && acceptEncoding.charAt(nameStart) <= ' ') {
        nameStart++;
      }
      while (nameEnd > nameStart && acceptEncoding.charAt(nameEnd - 1) <= ' ') {
        nameEnd--;
      }
      int length = nameEnd - nameStart;
      if (length == 4 && acceptEncoding.regionMatches(true, nameStart, "gzip", 0, 4)
          || length == 6 && acceptEncoding.regionMatches(true, nameStart, "x-gzip", 0, 6)) {
        return semicolon < 0 || semicolon > end || !zeroQuality(acceptEncoding, semicolon + 1, end);
      }
      start = end + 1;
    }
    return false;
  }

  /** @return whether {@code text[from, to)}, spaces left out, is {@code q=0} with up to three zero decimals */
  private static boolean zeroQuality(String text, int from, int to) {
    int matched = 0; // characters of "q=0.000" matched so far
    for (int i = from; i < to; i++) {
      char c = Character.toLowerCase(text.charAt(i));
      if (c == ' ') {
        continue;
      }
      if (matched >= 7 || c != "q=0.000".charAt(matched)) {
        return false;
      }
      matched++;
    }
    return matched >= 3;
  }

  /** Frees the kept buffers. */
  @Override
  public void close() {
    pool.clear();
  }
}
