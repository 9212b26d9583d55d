package dev.observa.spi;

import dev.observa.context.DeclaredKeys;
import dev.observa.internal.RedactedKeySet;
import java.util.Set;

/**
 * The settings an {@code Observa} instance hands to its metrics, tracing and logging backends, so that
 * all three describe the same service and route the same context keys. Immutable.
 *
 * @param serviceName {@code service.name}; never null
 * @param serviceVersion {@code service.version}, or null
 * @param environment {@code deployment.environment.name}, or null
 * @param instanceId {@code service.instance.id}; never null
 * @param declaredKeys the context keys and the sinks they reach
 * @param redactedKeys lower-case keys whose values are masked in logs and span attributes
 * @since 0.1.0
 */
public record ObservaSettings(
    String serviceName,
    String serviceVersion,
    String environment,
    String instanceId,
    DeclaredKeys declaredKeys,
    Set<String> redactedKeys) {

  /** Copies the keys, lower-cased, into an immutable set whose {@code contains} ignores case. */
  public ObservaSettings {
    redactedKeys = redactedKeys instanceof RedactedKeySet ready ? ready : new RedactedKeySet(redactedKeys);
  }

  /** The text written instead of a redacted value. */
  public static final String REDACTED = "[REDACTED]";

  /** The keys redacted unless configured otherwise. */
  public static final Set<String> DEFAULT_REDACTED_KEYS = Set.of(
      "password", "passwd", "secret", "token", "authorization", "api_key", "apikey", "cookie", "set-cookie",
      "session");

  /**
   * @param key a field, MDC or attribute key, may be null
   * @return whether its value must be masked (case-insensitive)
   */
  public boolean isRedacted(String key) {
    return ((RedactedKeySet) redactedKeys).matchesIgnoreCase(key);
  }

  /** @return settings for an unnamed service with default declarations and redaction */
  public static ObservaSettings defaults() {
    return new ObservaSettings("unknown_service:java", null, null, "local", DeclaredKeys.defaults(),
        DEFAULT_REDACTED_KEYS);
  }
}
