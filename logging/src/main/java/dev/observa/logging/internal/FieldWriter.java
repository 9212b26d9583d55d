package dev.observa.logging.internal;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.observa.context.ObservaContext;
import dev.observa.spi.ObservaSettings;

/** Writes one field (or one group of fields) of a log line. The encoder is a list of these. */
@FunctionalInterface
public interface FieldWriter {
  /**
   * @param json where to write
   * @param event the event
   * @param context the shared context captured for the event
   * @param settings routing, redaction and service description
   */
  void write(JsonWriter json, ILoggingEvent event, ObservaContext context, ObservaSettings settings);
}
