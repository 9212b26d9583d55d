package dev.observa.tracing;

import java.util.HashMap;
import java.util.Map;

/**
 * Sets {@code otel.*} system properties (which OpenTelemetry's autoconfigure reads exactly like the
 * {@code OTEL_*} variables) for the duration of a try-with-resources block, restoring the previous values.
 */
final class OtelSystemProperties implements AutoCloseable {
  private final Map<String, String> previous = new HashMap<>();

  private OtelSystemProperties(Map<String, String> properties) {
    properties.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
  }

  static OtelSystemProperties set(String... nameValues) {
    Map<String, String> properties = new HashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      properties.put(nameValues[i], nameValues[i + 1]);
    }
    return new OtelSystemProperties(properties);
  }

  @Override
  public void close() {
    previous.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
  }
}
