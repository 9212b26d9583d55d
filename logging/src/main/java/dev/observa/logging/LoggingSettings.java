package dev.observa.logging;

import dev.observa.spi.Setting;
import java.util.List;

/**
 * The settings of log export over OTLP, in the one configuration model ({@code observa.*} property &gt;
 * {@code OTEL_*} variable or {@code otel.*} system property &gt; default). The Spring Boot starter reads this
 * table to attach an {@link OtlpLogAppender} to the root logger; in plain Logback, set the appender's
 * properties instead.
 *
 * <pre>{@code
 * LoggingSettings.EXPORTER.environmentVariable();   // "OTEL_LOGS_EXPORTER"
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LoggingSettings {
  /** Where log events go besides the console: {@code otlp} or {@code none} (the default). */
  public static final Setting EXPORTER = Setting.of(null, "observa.logging.exporter", "otel.logs.exporter", "none",
      "otlp, none", value -> value.equals("otlp") || value.equals("none"));
  /**
   * The OTLP/HTTP logs URL; without it, {@code OTEL_EXPORTER_OTLP_ENDPOINT} + {@code /v1/logs}, else the
   * default.
   */
  public static final Setting OTLP_ENDPOINT = Setting.of(null, "observa.logging.otlp-endpoint",
      "otel.exporter.otlp.logs.endpoint", "http://localhost:4318/v1/logs", "an http(s) URL",
      value -> value.startsWith("http://") || value.startsWith("https://"));
  /** Headers of the OTLP requests, {@code name=value} pairs separated by commas. */
  public static final Setting OTLP_HEADERS = Setting.of(null, "observa.logging.otlp-headers",
      "otel.exporter.otlp.logs.headers", null, "name=value pairs separated by commas", value -> true);

  /** Every logging setting, in README order. */
  public static final List<Setting> ALL = List.of(EXPORTER, OTLP_ENDPOINT, OTLP_HEADERS);

  private LoggingSettings() {}
}
