package dev.observa.spi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The few OpenTelemetry settings core needs before any SDK exists: the service identity, so that logs and
 * metrics name the same service as spans. Reads them as the SDK's autoconfigure does: the {@code otel.*}
 * system property wins over the {@code OTEL_*} variable. Malformed resource entries are skipped here (the
 * tracing module's autoconfigure rejects them with the variable's name). Backends read every other
 * {@code OTEL_*} setting through the SDK's autoconfigure, never here.
 *
 * <pre>{@code
 * String service = OtelEnvironment.serviceName(null, "checkout"); // OTEL_SERVICE_NAME, else service.name, else checkout
 * }</pre>
 *
 * @since 0.1.0
 */
public final class OtelEnvironment {
  private OtelEnvironment() {}

  /**
   * @param otelProperty e.g. {@code otel.service.name}
   * @return the system property, else the environment variable, else null; blank counts as unset
   */
  public static String get(String otelProperty) {
    String value = System.getProperty(otelProperty);
    if (value == null || value.isBlank()) {
      value = System.getenv(otelProperty.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
    }
    return value == null || value.isBlank() ? null : value.trim();
  }

  /**
   * The one check of {@code OTEL_CONFIG_FILE} (and its old name {@code otel.experimental.config.file}), made by
   * every module before it starts an OpenTelemetry SDK: declarative configuration needs
   * {@link CoreSettings#DECLARATIVE_CONFIG_ARTIFACT}, and without it the file must not be silently ignored. The
   * SDK's autoconfigure reads this variable before any customizer runs, so it is read here, as the SDK does.
   *
   * <pre>{@code
   * OtelEnvironment.checkConfigFile(getClass().getClassLoader());
   * }</pre>
   *
   * @param loader the class loader the SDK's components come from
   * @throws IllegalArgumentException naming the variable, the file and the missing artifact
   */
  public static void checkConfigFile(ClassLoader loader) {
    String configFile = first(get(CoreSettings.CONFIG_FILE.otelProperty()), get("otel.experimental.config.file"));
    if (configFile == null) {
      return;
    }
    try {
      Class.forName("io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfiguration", false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(CoreSettings.CONFIG_FILE.environmentVariable() + " ("
          + CoreSettings.CONFIG_FILE.otelProperty() + ") is '" + configFile + "': declarative configuration needs "
          + CoreSettings.DECLARATIVE_CONFIG_ARTIFACT + " on the classpath, which is not available for Observa's"
          + " OpenTelemetry line; unset it and use the OTEL_* variables or observa.* properties instead");
    }
  }

  /** @return {@code OTEL_RESOURCE_ATTRIBUTES}, percent-decoded; empty when unset */
  public static Map<String, String> resourceAttributes() {
    Map<String, String> attributes = new LinkedHashMap<>();
    String value = get("otel.resource.attributes");
    if (value == null) {
      return attributes;
    }
    for (String pair : value.split(",")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        attributes.put(decode(pair.substring(0, eq).trim()), decode(pair.substring(eq + 1).trim()));
      }
    }
    return attributes;
  }

  /**
   * The one resolution of {@code service.name}: the explicit name, {@code OTEL_SERVICE_NAME},
   * {@code service.name} in {@code OTEL_RESOURCE_ATTRIBUTES}, the fallback, {@code unknown_service:java}.
   *
   * @param explicit the builder's (or {@code observa.service-name}'s) name, or null
   * @param fallback the embedding framework's name (e.g. {@code spring.application.name}), or null
   * @return the name
   */
  public static String serviceName(String explicit, String fallback) {
    return first(explicit, get("otel.service.name"), resourceAttributes().get("service.name"), fallback,
        "unknown_service:java");
  }

  /**
   * @param values candidates in precedence order
   * @return the first that is neither null nor blank, or null
   */
  public static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }
}
