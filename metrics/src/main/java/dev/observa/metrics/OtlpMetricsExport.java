package dev.observa.metrics;

import dev.observa.metrics.internal.SnapshotMetricProducer;
import dev.observa.spi.OtelEnvironment;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.View;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * Pushes the metrics of a {@link PrometheusMetrics} over OTLP at a fixed interval, for backends that
 * ingest OTLP (an OpenTelemetry Collector, Grafana Mimir, …). Off unless started; needs the optional
 * {@code io.opentelemetry:opentelemetry-exporter-otlp}, {@code opentelemetry-sdk-metrics} and
 * {@code opentelemetry-sdk-extension-autoconfigure} dependencies. The OpenTelemetry SDK's autoconfigure builds
 * the periodic reader and the OTLP exporter, so every {@code OTEL_EXPORTER_OTLP_[METRICS_]*} variable (TLS,
 * compression, temporality, timeout), {@code OTEL_METRIC_EXPORT_INTERVAL}, {@code OTEL_SERVICE_NAME} and
 * {@code OTEL_RESOURCE_ATTRIBUTES} apply; builder calls win over them (the settings of {@link OtlpMetricsSettings}).
 * A producer converts each scrape of the registry (cumulative sums, explicit-bucket histograms, summaries,
 * gauges). Exports happen on the reader's own thread, so a slow or dead collector never blocks recording.
 * The export carries the registry's metrics and nothing else: the SDK's own instruments (its reader and
 * exporter health metrics, which OpenTelemetry 1.62 records into the exported provider and 1.68 no longer
 * does) are dropped by a view, and a registry with no meters sends nothing, as the SDK skips empty exports.
 *
 * <pre>{@code
 * OtlpMetricsExport export = OtlpMetricsExport.builder(prometheus)
 *     .endpoint("http://mimir:4318")
 *     .header("X-Scope-OrgID", "acme")         // the tenant of a multi-tenant Mimir
 *     .interval(Duration.ofSeconds(30))
 *     .start();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class OtlpMetricsExport implements AutoCloseable {
  private final OpenTelemetrySdk sdk;

  private OtlpMetricsExport(Builder builder) {
    Map<String, String> defaults = Map.of("otel.metrics.exporter", "otlp", "otel.traces.exporter", "none",
        "otel.logs.exporter", "none", "otel.exporter.otlp.protocol", OtlpMetricsSettings.PROTOCOL.defaultValue());
    OtelEnvironment.checkConfigFile(OtlpMetricsExport.class.getClassLoader());
    SnapshotMetricProducer producer = new SnapshotMetricProducer(builder.metrics.registry().getPrometheusRegistry());
    try {
      this.sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .setServiceClassLoader(OtlpMetricsExport.class.getClassLoader())
          .disableShutdownHook()
          .addPropertiesSupplier(() -> defaults)
          .addPropertiesCustomizer(config -> overrides(builder, config))

          .addMeterProviderCustomizer((meters, config) -> meters.registerMetricProducer(producer)
              .registerView(InstrumentSelector.builder().setName("*").build(),
                  View.builder().setAggregation(Aggregation.drop()).build()))
          .build()
          .getOpenTelemetrySdk();
    } catch (ConfigurationException e) {
      throw new IllegalArgumentException(e.getCause() == null ? e.getMessage()
          : e.getMessage() + ": " + e.getCause().getMessage(), e);
    }
  }

  /** Builder values in OpenTelemetry spelling, winning over the environment. */
  private static Map<String, String> overrides(Builder builder, ConfigProperties config) {
    Map<String, String> overrides = new HashMap<>();
    if (builder.protocol != null) {
      overrides.put("otel.exporter.otlp.metrics.protocol", builder.protocol);
    }
    if (builder.endpoint != null) {
      String protocol = builder.protocol != null ? builder.protocol : config.getString(
          "otel.exporter.otlp.metrics.protocol", config.getString("otel.exporter.otlp.protocol", "http/protobuf"));
      String base = builder.endpoint.endsWith("/") ? builder.endpoint.substring(0, builder.endpoint.length() - 1)
          : builder.endpoint;
      overrides.put("otel.exporter.otlp.metrics.endpoint", "grpc".equals(protocol) ? base : base + "/v1/metrics");
    }
    if (!builder.headers.isEmpty()) {
      Map<String, String> headers = new LinkedHashMap<>(config.getMap("otel.exporter.otlp.metrics.headers"));
      if (headers.isEmpty()) {
        headers.putAll(config.getMap("otel.exporter.otlp.headers"));
      }
      headers.putAll(builder.headers);
      StringJoiner joined = new StringJoiner(",");
      headers.forEach((name, value) -> joined.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
      overrides.put("otel.exporter.otlp.metrics.headers", joined.toString());
    }
    if (builder.interval != null) {
      overrides.put("otel.metric.export.interval", Long.toString(builder.interval.toMillis()));
    }
    if (builder.serviceName != null) {
      overrides.put("otel.service.name", builder.serviceName);
    }
    return overrides;
  }

  /**
   * @param metrics what to export
   * @return a builder: {@code http/protobuf} to {@code http://localhost:4318} every 60 s unless the
   *     {@code OTEL_*} variables say otherwise
   */
  public static Builder builder(PrometheusMetrics metrics) {
    return new Builder(metrics);
  }

  /** Stops exporting, after a last export (bounded by 10 s). */
  @Override
  public void close() {
    sdk.shutdown().join(10, TimeUnit.SECONDS);
  }

  /** Builds {@link OtlpMetricsExport}. */
  public static final class Builder {
    private final PrometheusMetrics metrics;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String endpoint;
    private String protocol;
    private Duration interval;
    private String serviceName;

    private Builder(PrometheusMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * @param endpoint the collector base URL (for {@code http/protobuf}, {@code /v1/metrics} is appended)
     * @return this
     */
    public Builder endpoint(String endpoint) {
      this.endpoint = OtlpMetricsSettings.ENDPOINT.check("endpoint", endpoint);
      return this;
    }

    /**
     * @param protocol {@code http/protobuf} or {@code grpc} (grpc needs a gRPC sender dependency)
     * @return this
     */
    public Builder protocol(String protocol) {
      this.protocol = OtlpMetricsSettings.PROTOCOL.check("protocol", protocol);
      return this;
    }

    /**
     * @param name header name, e.g. {@code X-Scope-OrgID}; added to {@code OTEL_EXPORTER_OTLP_[METRICS_]HEADERS}
     * @param value its value
     * @return this
     */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * @param interval time between exports, at least one second
     * @return this
     */
    public Builder interval(Duration interval) {
      if (interval == null || interval.toSeconds() < 1) {
        throw new IllegalArgumentException("interval is '" + interval + "': allowed values are "
            + OtlpMetricsSettings.INTERVAL.allowed());
      }
      this.interval = interval;
      return this;
    }

    /**
     * @param serviceName {@code service.name} of the exported resource; default {@code OTEL_SERVICE_NAME}
     * @return this
     */
    public Builder serviceName(String serviceName) {
      this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
      return this;
    }

    /** @return the running export */
    public OtlpMetricsExport start() {
      return new OtlpMetricsExport(this);
    }
  }
}
