package dev.observa.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/** Writes one field (or one group of fields) of a log line. The encoder is a list of these. */
@FunctionalInterface
public interface FieldWriter {
  /**
   * @param json where to write
   * @param event the event
   * @param context the shared context captured for the event
   * @param span the span context of {@code context}, looked up once per event
   * @param rules routing, redaction, key rules and service description
   */
  void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules);
}
