package dev.observa.logging;

/**
 * The names {@link JsonLinesEncoder} writes, all in one place so a preset can rename them.
 *
 * <p>{@link #OTEL} follows the OpenTelemetry log data model and semantic conventions:
 * <pre>{@code
 * {"timestamp":"2026-11-24T05:20:00.123456Z","severity_text":"INFO","body":"hello","scope.name":"my-app",
 *  "thread.name":"main","service.name":"checkout","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736",
 *  "span_id":"00f067aa0ba902b7","trace_flags":"01","tenant":"acme","baggage":{"greeting":"Bonjour"},"attempt":3}
 * }</pre>
 * {@link #ECS} follows Elastic Common Schema, so Elasticsearch, OpenSearch and Kibana correlate without
 * an ingest pipeline:
 * <pre>{@code
 * {"@timestamp":"2026-11-24T05:20:00.123456Z","log.level":"INFO","message":"hello","log.logger":"my-app",
 *  "process.thread.name":"main","service.name":"checkout","trace.id":"4bf92f3577b34da6a3ce929d0e0e4736",
 *  "span.id":"00f067aa0ba902b7","organization.id":"acme","labels":{"greeting":"Bonjour"},"ecs.version":"8.11.0",
 *  "attempt":3}
 * }</pre>
 * (both shown wrapped; each is one line). A null name leaves that field out.
 *
 * @param timestamp the event time, RFC 3339 UTC with microseconds
 * @param level the level name
 * @param message the formatted message
 * @param logger the logger name
 * @param thread the thread name
 * @param service the service name
 * @param traceId the trace id
 * @param spanId the span id
 * @param traceFlags the W3C trace flags, or null to leave out
 * @param tenant the tenant
 * @param baggage the object holding declared baggage entries
 * @param errorType the exception class
 * @param errorMessage the exception message
 * @param errorStackTrace the stack trace as one string
 * @param markers the array of SLF4J marker names
 * @param schemaVersion a constant field naming the schema version, or null
 * @param schemaVersionValue its value
 * @since 0.1.0
 */
public record FieldNames(
    String timestamp,
    String level,
    String message,
    String logger,
    String thread,
    String service,
    String traceId,
    String spanId,
    String traceFlags,
    String tenant,
    String baggage,
    String errorType,
    String errorMessage,
    String errorStackTrace,
    String markers,
    String schemaVersion,
    String schemaVersionValue) {

  /** OpenTelemetry log data model names; the default. */
  public static final FieldNames OTEL = new FieldNames("timestamp", "severity_text", "body", "scope.name",
      "thread.name", "service.name", "trace_id", "span_id", "trace_flags", "tenant", "baggage", "exception.type",
      "exception.message", "exception.stacktrace", "markers", null, null);

  /** Elastic Common Schema names. */
  public static final FieldNames ECS = new FieldNames("@timestamp", "log.level", "message", "log.logger",
      "process.thread.name", "service.name", "trace.id", "span.id", null, "organization.id", "labels", "error.type",
      "error.message", "error.stack_trace", "tags", "ecs.version", "8.11.0");

  /**
   * @param preset {@code otel} or {@code ecs}, case-insensitive
   * @return the preset
   * @throws IllegalArgumentException for any other name
   */
  public static FieldNames preset(String preset) {
    if ("otel".equalsIgnoreCase(preset)) {
      return OTEL;
    }
    if ("ecs".equalsIgnoreCase(preset)) {
      return ECS;
    }
    throw new IllegalArgumentException("JSON log preset '" + preset + "' is unknown: use otel or ecs");
  }
}
