package dev.observa.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/**
 * Writes one field (or one group of fields) of a log line. The encoder is a list of these. An abstract class, not
 * an interface: the encoder's loop calls a dozen of them per line, and a virtual call through the class's table
 * costs less than an interface call (HotSpot's itable stub searches the interfaces each time).
 */
public abstract class FieldWriter {
  /**
   * @param json where to write
   * @param event the event
   * @param context the shared context captured for the event
   * @param span the span context of {@code context}, looked up once per event
   * @param rules routing, redaction, key rules and service description
   */
  public abstract void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules);
}
