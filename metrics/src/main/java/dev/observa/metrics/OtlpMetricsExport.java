package dev.observa.metrics;

import io.prometheus.metrics.exporter.opentelemetry.OpenTelemetryExporter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Pushes the metrics of a {@link PrometheusMetrics} over OTLP at a fixed interval, for backends that
 * ingest OTLP (an OpenTelemetry Collector, Grafana Mimir, …). Off unless started; needs the optional
 * {@code io.prometheus:prometheus-metrics-exporter-opentelemetry} dependency. Exports happen on the
 * exporter's own thread, so a slow or dead collector never blocks recording.
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
  private final OpenTelemetryExporter exporter;

  private OtlpMetricsExport(Builder builder) {
    OpenTelemetryExporter.Builder otlp = OpenTelemetryExporter.builder()
        .registry(builder.metrics.registry().getPrometheusRegistry())
        .protocol(builder.protocol)
        .endpoint(builder.endpoint)
        .intervalSeconds((int) Math.max(1, builder.interval.toSeconds()))
        .timeoutSeconds(10);
    builder.headers.forEach(otlp::header);
    if (builder.serviceName != null) {
      otlp.serviceName(builder.serviceName);
    }
    this.exporter = otlp.buildAndStart();
  }

  /**
   * @param metrics what to export
   * @return a builder: {@code http/protobuf} to {@code http://localhost:4318} every 60 s
   */
  public static Builder builder(PrometheusMetrics metrics) {
    return new Builder(metrics);
  }

  /** Stops exporting, after a last export. */
  @Override
  public void close() {
    exporter.close();
  }

  /** Builds {@link OtlpMetricsExport}. */
  public static final class Builder {
    private final PrometheusMetrics metrics;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String endpoint = "http://localhost:4318";
    private String protocol = "http/protobuf";
    private Duration interval = Duration.ofSeconds(60);
    private String serviceName;

    private Builder(PrometheusMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * @param endpoint the collector base URL (for {@code http/protobuf}, {@code /v1/metrics} is appended)
     * @return this
     */
    public Builder endpoint(String endpoint) {
      if (endpoint == null || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
        throw new IllegalArgumentException("OTLP endpoint '" + endpoint + "' is invalid: it must be an http(s) URL");
      }
      this.endpoint = endpoint;
      return this;
    }

    /**
     * @param protocol {@code http/protobuf} or {@code grpc}
     * @return this
     */
    public Builder protocol(String protocol) {
      if (!"http/protobuf".equals(protocol) && !"grpc".equals(protocol)) {
        throw new IllegalArgumentException("OTLP protocol '" + protocol + "' is invalid: use http/protobuf or grpc");
      }
      this.protocol = protocol;
      return this;
    }

    /**
     * @param name header name, e.g. {@code X-Scope-OrgID}
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
        throw new IllegalArgumentException("OTLP export interval " + interval + " is invalid: it must be >= 1 s");
      }
      this.interval = interval;
      return this;
    }

    /**
     * @param serviceName {@code service.name} of the exported resource
     * @return this
     */
    public Builder serviceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    /** @return the running export */
    public OtlpMetricsExport start() {
      return new OtlpMetricsExport(this);
    }
  }
}
