package dev.observa.metrics;

import java.nio.charset.StandardCharsets;

/**
 * One scrape answer: the body and the content type to send with it.
 *
 * @param contentType the {@code Content-Type} header value
 * @param body the exposition text
 * @since 0.1.0
 */
public record Exposition(String contentType, String body) {
  /** @return the body as UTF-8 bytes */
  public byte[] bytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
