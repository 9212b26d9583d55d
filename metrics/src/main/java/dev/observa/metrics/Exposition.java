package dev.observa.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One scrape answer: the bytes and the content type to send with them. The text formats are UTF-8; the
 * protobuf format is binary, so read it with {@link #bytes()} or {@link #writeTo}, not {@link #body()}.
 *
 * <pre>{@code
 * Exposition answer = prometheus.scrape(request.getHeader("Accept"));
 * response.setContentType(answer.contentType());
 * answer.writeTo(response.getOutputStream());
 * }</pre>
 *
 * <p>Immutable.
 *
 * @since 0.1.0
 */
public final class Exposition {
  private final String contentType;
  private final byte[] content;

  /**
   * @param contentType the {@code Content-Type} header value
   * @param content the answer (kept, not copied)
   */
  Exposition(String contentType, byte[] content) {
    this.contentType = Objects.requireNonNull(contentType, "contentType");
    this.content = Objects.requireNonNull(content, "content");
  }

  /** @return the {@code Content-Type} header value */
  public String contentType() {
    return contentType;
  }

  /** @return whether the answer is text (text 0.0.4 or OpenMetrics), not protobuf */
  public boolean isText() {
    return contentType.startsWith("text/") || contentType.startsWith("application/openmetrics-text");
  }

  /**
   * @return the text of a text answer
   * @throws IllegalStateException for a protobuf answer, which is not text
   */
  public String body() {
    if (!isText()) {
      throw new IllegalStateException("A " + contentType + " answer is binary: use bytes() or writeTo(out)");
    }
    return new String(content, StandardCharsets.UTF_8);
  }

  /** @return a copy of the answer's bytes */
  public byte[] bytes() {
    return content.clone();
  }

  /** @return the answer's length in bytes */
  public int length() {
    return content.length;
  }

  /**
   * @param out where to write the answer (not closed)
   * @throws IOException from the stream
   */
  public void writeTo(OutputStream out) throws IOException {
    out.write(content);
  }

  @Override
  public String toString() {
    return "Exposition[" + contentType + ", " + content.length + " bytes]";
  }
}
