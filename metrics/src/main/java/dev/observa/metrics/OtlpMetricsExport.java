package dev.observa.metrics;

import dev.observa.metrics.internal.SnapshotMetricProducer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporterBuilder;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporterBuilder;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Pushes the metrics of a {@link PrometheusMetrics} over OTLP at a fixed interval, for backends that
 * ingest OTLP (an OpenTelemetry Collector, Grafana Mimir, …). Off unless started; needs the optional
 * {@code io.opentelemetry:opentelemetry-exporter-otlp} and {@code opentelemetry-sdk-metrics} dependencies.
 * The OpenTelemetry SDK's own periodic reader and OTLP exporter do the pushing, fed by a producer that
 * converts each scrape of the registry (cumulative sums, explicit-bucket histograms, summaries, gauges).
 * Exports happen on the reader's own thread, so a slow or dead collector never blocks recording.
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
  private final SdkMeterProvider provider;

  private OtlpMetricsExport(Builder builder) {
    Resource resource = Resource.getDefault();
    if (builder.serviceName != null) {
      resource = resource.merge(Resource.create(io.opentelemetry.api.common.Attributes.of(
          AttributeKey.stringKey("service.name"), builder.serviceName)));
    }
    this.provider = SdkMeterProvider.builder()
        .setResource(resource)
        .registerMetricProducer(new SnapshotMetricProducer(builder.metrics.registry().getPrometheusRegistry()))
        .registerMetricReader(PeriodicMetricReader.builder(exporter(builder)).setInterval(builder.interval).build())
        .build();
  }

  private static MetricExporter exporter(Builder builder) {
    String base = builder.endpoint.endsWith("/") ? builder.endpoint.substring(0, builder.endpoint.length() - 1)
        : builder.endpoint;
    if ("grpc".equals(builder.protocol)) {
      OtlpGrpcMetricExporterBuilder grpc = OtlpGrpcMetricExporter.builder().setEndpoint(base)
          .setTimeout(10, TimeUnit.SECONDS);
      builder.headers.forEach(grpc::addHeader);
      return grpc.build();
    }
    OtlpHttpMetricExporterBuilder http = OtlpHttpMetricExporter.builder().setEndpoint(base + "/v1/metrics")
        .setTimeout(10, TimeUnit.SECONDS);
    builder.headers.forEach(http::addHeader);
    return http.build();
  }

  /**
   * @param metrics what to export
   * @return a builder: {@code http/protobuf} to {@code http://localhost:4318} every 60 s
   */
  public static Builder builder(PrometheusMetrics metrics) {
    return new Builder(metrics);
  }

  /** Stops exporting, after a last export (bounded by 10 s). */
  @Override
  public void close() {
    provider.shutdown().join(10, TimeUnit.SECONDS);
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
