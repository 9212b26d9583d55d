package dev.observa.metrics;

import dev.observa.spi.Setting;
import java.util.List;

/**
 * The settings of {@link OtlpMetricsExport}, each with its builder method and OpenTelemetry name (there is no
 * {@code observa.*} property: the starter does not start an OTLP metrics push by itself).
 *
 * <pre>{@code
 * OtlpMetricsSettings.ENDPOINT.environmentVariable();   // "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"
 * }</pre>
 *
 * @since 0.1.0
 */
public final class OtlpMetricsSettings {
  /** {@code OTEL_EXPORTER_OTLP_METRICS_ENDPOINT}; the builder takes the base URL and appends {@code /v1/metrics}. */
  public static final Setting ENDPOINT = Setting.of("endpoint", "(none)", "otel.exporter.otlp.metrics.endpoint",
      null, "an http:// or https:// URL", value -> value.startsWith("http://") || value.startsWith("https://"));
  /** {@code OTEL_EXPORTER_OTLP_METRICS_PROTOCOL}; default http/protobuf, as the specification says. */
  public static final Setting PROTOCOL = Setting.of("protocol", "(none)", "otel.exporter.otlp.metrics.protocol",
      "http/protobuf", "http/protobuf, grpc", value -> value.equals("http/protobuf") || value.equals("grpc")).caseInsensitive();
  /** {@code OTEL_EXPORTER_OTLP_METRICS_HEADERS}, to which the builder's headers are added. */
  public static final Setting HEADERS = Setting.of("header", "(none)", "otel.exporter.otlp.metrics.headers", null,
      "name=value pairs", value -> true);
  /** {@code OTEL_METRIC_EXPORT_INTERVAL} (milliseconds); the builder takes a {@code Duration} of at least 1 s. */
  public static final Setting INTERVAL = Setting.of("interval", "(none)", "otel.metric.export.interval", null,
      "a duration of at least 1 s", value -> true);

  /** Every setting, in README order. */
  public static final List<Setting> ALL = List.of(ENDPOINT, PROTOCOL, HEADERS, INTERVAL);

  private OtlpMetricsSettings() {}
}
