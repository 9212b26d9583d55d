package dev.observa.test;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.observa.logging.JsonLinesEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encodes every event with Observa's JSON encoder and keeps the lines, at most {@code max} of them. */
final class LogLineAppender extends AppenderBase<ILoggingEvent> {
  private final JsonLinesEncoder encoder;
  private final int max;
  private final List<String> lines = new ArrayList<>();

  LogLineAppender(JsonLinesEncoder encoder, int max) {
    this.encoder = encoder;
    this.max = max;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String text = new String(encoder.encode(event), StandardCharsets.UTF_8);
    synchronized (lines) {
      for (String line : text.split("\n")) {
        if (!line.isEmpty() && lines.size() < max) {
          lines.add(line);
        }
      }
    }
  }

  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  void clear() {
    synchronized (lines) {
      lines.clear();
    }
  }
}
