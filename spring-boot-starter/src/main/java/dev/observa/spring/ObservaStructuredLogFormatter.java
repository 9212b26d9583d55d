package dev.observa.spring;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.observa.logging.JsonLinesEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's structured console logging in Observa's JSON-lines format ({@code observa.logging.preset}:
 * otel or ecs), so every line carries the shared context and, from the first startup line on, the
 * configured service name. Selected by default through {@code logging.structured.format.console}.
 *
 * @since 0.1.0
 */
public class ObservaStructuredLogFormatter implements StructuredLogFormatter<ILoggingEvent> {
  private final JsonLinesEncoder encoder = new JsonLinesEncoder();

  /** @param environment where {@code observa.logging.preset} is read */
  public ObservaStructuredLogFormatter(Environment environment) {
    String preset = environment.getProperty("observa.logging.preset", "otel");
    encoder.setPreset("ecs".equalsIgnoreCase(preset) ? "ecs" : "otel");
    encoder.setServiceName(ObservaServiceName.resolve(environment)); // startup lines come before the Observa bean
    encoder.start();
  }

  @Override
  public String format(ILoggingEvent event) {
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }

  @Override
  public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
    return encoder.encode(event);
  }
}
