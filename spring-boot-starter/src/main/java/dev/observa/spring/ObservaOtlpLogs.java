package dev.observa.spring;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.observa.logging.LoggingSettings;
import dev.observa.logging.OtlpLogAppender;
import dev.observa.spi.Setting;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.ClassUtils;

/**
 * Log export over OTLP, wired through properties: with {@code observa.logging.exporter=otlp} (or
 * {@code otel.logs.exporter=otlp} / {@code OTEL_LOGS_EXPORTER=otlp}) an {@link OtlpLogAppender} joins the root
 * logger right after Spring Boot configured logging, so startup lines are exported too, with the resolved
 * {@code service.name} and each event's trace and span ids. Endpoint: {@code observa.logging.otlp-endpoint},
 * {@code OTEL_EXPORTER_OTLP_LOGS_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_ENDPOINT} + {@code /v1/logs}; headers:
 * {@code observa.logging.otlp-headers}, {@code OTEL_EXPORTER_OTLP_LOGS_HEADERS}, {@code OTEL_EXPORTER_OTLP_HEADERS}.
 *
 * <pre>{@code
 * OTEL_LOGS_EXPORTER=otlp OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4318 java -jar app.jar
 * }</pre>
 */
final class ObservaOtlpLogs {
  static final String NAME = "OBSERVA_OTLP_LOGS";
  private static final String SDK_LOGS = "io.opentelemetry.sdk.logs.SdkLoggerProvider";
  private static final String OTLP_LOGS = "io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter";

  private ObservaOtlpLogs() {}

  /**
   * @param environment where the settings are read
   * @return the attached appender, or null when export is off
   * @throws IllegalArgumentException naming a bad value, or the missing dependency when export is asked for
   */
  static OtlpLogAppender attach(PropertyResolver environment) {
    if (!"otlp".equals(exporter(environment, LoggingSettings.EXPORTER))) {
      return null;
    }
    ClassLoader loader = ObservaOtlpLogs.class.getClassLoader();
    if (!ClassUtils.isPresent(SDK_LOGS, loader) || !ClassUtils.isPresent(OTLP_LOGS, loader)) {
      throw new IllegalArgumentException(LoggingSettings.EXPORTER.property() + " is 'otlp': add "
          + "io.opentelemetry:opentelemetry-sdk-logs and io.opentelemetry:opentelemetry-exporter-otlp");
    }
    String endpoint = environment.getProperty(LoggingSettings.OTLP_ENDPOINT.property());
    if (endpoint == null) {
      endpoint = environment.getProperty(LoggingSettings.OTLP_ENDPOINT.otelProperty());
    }
    String base = environment.getProperty("otel.exporter.otlp.endpoint");
    if (endpoint == null && base != null) {
      endpoint = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/logs";
    }
    endpoint = LoggingSettings.OTLP_ENDPOINT.check(LoggingSettings.OTLP_ENDPOINT.property(),
        endpoint == null ? LoggingSettings.OTLP_ENDPOINT.defaultValue() : endpoint);
    String headers = environment.getProperty(LoggingSettings.OTLP_HEADERS.property(),
        environment.getProperty(LoggingSettings.OTLP_HEADERS.otelProperty(),
            environment.getProperty("otel.exporter.otlp.headers", "")));
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
      return null;
    }
    Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(NAME) != null) {
      return null;
    }
    OtlpLogAppender otlp = new OtlpLogAppender();
    otlp.setContext(logback);
    otlp.setName(NAME);
    otlp.setEndpoint(endpoint);
    otlp.setHeaders(headers);
    otlp.setServiceName(ObservaServiceName.resolve(environment));
    otlp.start();
    root.addAppender(otlp);
    return otlp;
  }

  /** {@code observa.*} property, else the {@code otel.*} one ({@code OTEL_*} through Spring's relaxed names), else the default. */
  private static String exporter(PropertyResolver environment, Setting setting) {
    String observa = environment.getProperty(setting.property());
    if (observa != null) {
      return setting.check(setting.property(), observa);
    }
    String otel = environment.getProperty(setting.otelProperty());
    if (otel == null) {
      return setting.defaultValue();
    }
    // OpenTelemetry's variable is a list for its own SDK (otlp,console): Observa acts on the otlp entry only
    for (String name : otel.split(",")) {
      if (name.trim().equals("otlp")) {
        return "otlp";
      }
    }
    return "none";
  }
}
