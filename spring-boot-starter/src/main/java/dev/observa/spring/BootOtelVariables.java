package dev.observa.spring;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code OTEL_*} environment variables Spring Boot 4.1's OpenTelemetry SDK honours, and the ones it ignores
 * that OpenTelemetry's SDK autoconfigure (Observa's own SDK) reads. Boot reads the variables through
 * {@code OpenTelemetryEnvironmentVariableEnvironmentPostProcessor} (environment variables only, not {@code otel.*}
 * system properties; off with {@code management.opentelemetry.map-environment-variables=false}), mapping each to a
 * {@code management.*} property, and {@code OTEL_SERVICE_NAME}/{@code OTEL_RESOURCE_ATTRIBUTES} through
 * {@code OpenTelemetryResourceAttributes}. Its {@code OTEL_*_EXPORTER} mapping knows only {@code otlp} (export on)
 * and {@code none}: any other value ({@code console}, {@code zipkin}, {@code logging}) turns OTLP export off and
 * starts no other exporter. Names only: values are never read, except the three exporter selections.
 */
final class BootOtelVariables {
  /** What Boot 4.1.2 maps (read from its post-processor and resource attributes). */
  static final Set<String> HONOURED = Set.of("OTEL_SDK_DISABLED", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
      "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_PROPAGATORS",
      "OTEL_TRACES_EXPORTER", "OTEL_METRICS_EXPORTER", "OTEL_LOGS_EXPORTER",
      "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
      "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS",
      "OTEL_EXPORTER_OTLP_METRICS_HEADERS", "OTEL_EXPORTER_OTLP_LOGS_HEADERS", "OTEL_EXPORTER_OTLP_TIMEOUT",
      "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT", "OTEL_EXPORTER_OTLP_LOGS_TIMEOUT",
      "OTEL_EXPORTER_OTLP_COMPRESSION", "OTEL_EXPORTER_OTLP_TRACES_COMPRESSION",
      "OTEL_EXPORTER_OTLP_METRICS_COMPRESSION", "OTEL_EXPORTER_OTLP_LOGS_COMPRESSION", "OTEL_EXPORTER_OTLP_PROTOCOL",
      "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "OTEL_EXPORTER_OTLP_CERTIFICATE",
      "OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE", "OTEL_EXPORTER_OTLP_METRICS_CERTIFICATE",
      "OTEL_EXPORTER_OTLP_LOGS_CERTIFICATE", "OTEL_EXPORTER_OTLP_CLIENT_KEY", "OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY",
      "OTEL_EXPORTER_OTLP_METRICS_CLIENT_KEY", "OTEL_EXPORTER_OTLP_LOGS_CLIENT_KEY",
      "OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE", "OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE",
      "OTEL_EXPORTER_OTLP_METRICS_CLIENT_CERTIFICATE", "OTEL_EXPORTER_OTLP_LOGS_CLIENT_CERTIFICATE",
      "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "OTEL_EXPORTER_OTLP_METRICS_DEFAULT_HISTOGRAM_AGGREGATION",
      "OTEL_METRIC_EXPORT_INTERVAL", "OTEL_METRICS_EXEMPLAR_FILTER", "OTEL_BSP_SCHEDULE_DELAY",
      "OTEL_BSP_EXPORT_TIMEOUT", "OTEL_BSP_MAX_QUEUE_SIZE", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
      "OTEL_BLRP_SCHEDULE_DELAY", "OTEL_BLRP_EXPORT_TIMEOUT", "OTEL_BLRP_MAX_QUEUE_SIZE",
      "OTEL_BLRP_MAX_EXPORT_BATCH_SIZE", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_ATTRIBUTE_COUNT_LIMIT",
      "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "OTEL_SPAN_EVENT_COUNT_LIMIT",
      "OTEL_SPAN_LINK_COUNT_LIMIT", "OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT", "OTEL_LINK_ATTRIBUTE_COUNT_LIMIT",
      "OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT");
  /** What OpenTelemetry's SDK autoconfigure reads and Boot does not. */
  static final List<String> IGNORED = List.of("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "OTEL_METRIC_EXPORT_TIMEOUT",
      "OTEL_EXPORTER_ZIPKIN_ENDPOINT", "OTEL_EXPORTER_ZIPKIN_TIMEOUT", "OTEL_EXPORTER_PROMETHEUS_HOST",
      "OTEL_EXPORTER_PROMETHEUS_PORT", "OTEL_CONFIG_FILE", "OTEL_EXPERIMENTAL_CONFIG_FILE",
      "OTEL_JAVA_ENABLED_RESOURCE_PROVIDERS", "OTEL_JAVA_DISABLED_RESOURCE_PROVIDERS",
      "OTEL_EXPORTER_OTLP_MEMORY_MODE", "OTEL_JAVA_EXPERIMENTAL_EXPORTER_MEMORY_MODE");
  private static final List<String> EXPORTER_SELECTIONS = List.of("OTEL_TRACES_EXPORTER", "OTEL_METRICS_EXPORTER",
      "OTEL_LOGS_EXPORTER");

  private BootOtelVariables() {}

  /**
   * @param environment the process environment ({@code System.getenv()})
   * @param mapped Boot's {@code management.opentelemetry.map-environment-variables}
   * @return the variables set that Boot's SDK ignores, each with why, in name order
   */
  static List<String> ignored(Map<String, String> environment, boolean mapped) {
    Set<String> ignored = new TreeSet<>();
    for (String name : IGNORED) {
      if (environment.containsKey(name)) {
        ignored.add(name);
      }
    }
    if (!mapped) {
      for (String name : HONOURED) {
        if (environment.containsKey(name) && !name.equals("OTEL_SERVICE_NAME")
            && !name.equals("OTEL_RESOURCE_ATTRIBUTES")) {
          ignored.add(name + " (management.opentelemetry.map-environment-variables=false)");
        }
      }
      return List.copyOf(ignored);
    }
    for (String name : EXPORTER_SELECTIONS) {
      String value = environment.get(name);
      if (value != null && !otlpOrNone(value)) {
        ignored.add(name + " (Boot's SDK starts only otlp: other exporter names are ignored, and without otlp"
            + " export is off)");
      }
    }
    return List.copyOf(ignored);
  }

  private static boolean otlpOrNone(String value) {
    for (String part : value.split(",")) {
      String name = part.trim();
      if (!name.equals("otlp") && !name.equals("none")) {
        return false;
      }
    }
    return true;
  }
}
