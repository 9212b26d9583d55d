package dev.observa.spi;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One configuration setting and its three spellings: the builder method, the {@code observa.*} property of
 * the Spring Boot starter and the OpenTelemetry name ({@code otel.*} system property, {@code OTEL_*}
 * environment variable). The precedence is always builder &gt; {@code observa.*} &gt; {@code OTEL_*} &gt;
 * {@link #defaultValue()}. Tables of settings live next to the code that reads them
 * ({@link CoreSettings}, {@code dev.observa.tracing.TracingSettings}); README's configuration table lists
 * them all.
 *
 * <pre>{@code
 * Setting exporters = TracingSettings.EXPORTERS;
 * exporters.environmentVariable();            // "OTEL_TRACES_EXPORTER"
 * exporters.check("observa.tracing.exporters", "carrier-pigeon");   // IllegalArgumentException
 * }</pre>
 *
 * <p>Names chosen from a set (exporters, propagators, protocols, modes) are {@link #caseInsensitive()}:
 * {@code OTLP}, {@code Otlp} and {@code otlp} are one value, given on to OpenTelemetry in lower case, as
 * OpenTelemetry's configuration specification asks ("Enum values SHOULD be interpreted in a case-insensitive
 * manner").
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Setting {
  private final String builderMethod;
  private final String property;
  private final String otelProperty;
  private final String defaultValue;
  private final String allowed;
  private final Predicate<String> rule;
  private final boolean caseInsensitive;

  private Setting(String builderMethod, String property, String otelProperty, String defaultValue, String allowed,
      Predicate<String> rule, boolean caseInsensitive) {
    this.builderMethod = builderMethod;
    this.property = Objects.requireNonNull(property, "property");
    this.otelProperty = otelProperty;
    this.defaultValue = defaultValue;
    this.allowed = Objects.requireNonNull(allowed, "allowed");
    this.rule = Objects.requireNonNull(rule, "rule");
    this.caseInsensitive = caseInsensitive;
  }

  /**
   * @param builderMethod the builder method, e.g. {@code exporters}, or null when there is none
   * @param property the {@code observa.*} property, e.g. {@code observa.tracing.exporters}
   * @param otelProperty the {@code otel.*} system property, or null when OpenTelemetry has none
   * @param defaultValue Observa's default, or null when the OpenTelemetry SDK's default applies
   * @param allowed the allowed values, in words, for error messages
   * @param rule accepts the allowed values (given trimmed and non-null)
   * @return the setting
   */
  public static Setting of(String builderMethod, String property, String otelProperty, String defaultValue,
      String allowed, Predicate<String> rule) {
    return new Setting(builderMethod, property, otelProperty, defaultValue, allowed, rule, false);
  }

  /**
   * @return this setting with its values read case-insensitively: {@link #check} and {@link #normalize} give
   *     them in lower case, and the rule sees them in lower case
   */
  public Setting caseInsensitive() {
    return new Setting(builderMethod, property, otelProperty, defaultValue, allowed, rule, true);
  }

  /** @return whether values are names read case-insensitively */
  public boolean isCaseInsensitive() {
    return caseInsensitive;
  }

  /**
   * @param value a value as given, may be null
   * @return the value trimmed, and in lower case ({@link Locale#ROOT}) when the setting is case-insensitive;
   *     null for null
   */
  public String normalize(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    return caseInsensitive ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
  }

  /** @return the builder method name, or null */
  public String builderMethod() {
    return builderMethod;
  }

  /** @return the {@code observa.*} property name */
  public String property() {
    return property;
  }

  /** @return the {@code otel.*} system property name, or null */
  public String otelProperty() {
    return otelProperty;
  }

  /** @return the {@code OTEL_*} environment variable name, or null */
  public String environmentVariable() {
    return otelProperty == null ? null : otelProperty.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** @return Observa's default, or null when the OpenTelemetry SDK's own default applies */
  public String defaultValue() {
    return defaultValue;
  }

  /** @return the allowed values, in words */
  public String allowed() {
    return allowed;
  }

  /**
   * Validates a value at configuration time.
   *
   * @param spelling how the value was given (builder method, property or variable), named in the error
   * @param value the value
   * @return the value, {@link #normalize normalized}
   * @throws IllegalArgumentException naming the spelling, the value and the allowed values
   */
  public String check(String spelling, String value) {
    String trimmed = normalize(value);
    if (trimmed == null || trimmed.isEmpty() || !rule.test(trimmed)) {
      throw new IllegalArgumentException(spelling + " is '" + value + "': allowed values are " + allowed);
    }
    return trimmed;
  }

  @Override
  public String toString() {
    return property;
  }
}
