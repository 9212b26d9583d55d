package dev.observa.test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One captured JSON log line, as the encoder wrote it.
 *
 * <pre>{@code
 * LogLine line = capture.logLines().get(0);
 * line.field("trace_id");   // "4bf92f3577b34da6a3ce929d0e0e4736", or null when absent
 * }</pre>
 *
 * @param json the line without its newline
 * @param tree the parsed line
 * @since 0.1.0
 */
public record LogLine(String json, JsonNode tree) {

  /**
   * @param name a top-level field, e.g. {@code trace_id}, {@code body}
   * @return its text, or {@code null} when the line has no such field
   */
  public String field(String name) {
    JsonNode value = tree.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** @return the trace id, or {@code null} outside a trace */
  public String traceId() {
    return field("trace_id");
  }
}
