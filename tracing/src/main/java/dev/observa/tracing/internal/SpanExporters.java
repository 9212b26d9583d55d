package dev.observa.tracing.internal;

import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.logging.otlp.OtlpJsonLoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Map;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/** Makes span exporters by their {@code OTEL_TRACES_EXPORTER} names. */
public final class SpanExporters {
  /** The exporter names understood. */
  public static final String NAMES = "otlp, zipkin, logging, logging-otlp (JSON lines), none";

  private static final java.util.Set<String> KNOWN = java.util.Set.of("otlp", "zipkin", "logging", "logging-otlp", "none");

  private SpanExporters() {}

  /**
   * @param name an exporter name
   * @return the name
   * @throws IllegalArgumentException for an unknown name
   */
  public static String requireKnown(String name) {
    if (name == null || !KNOWN.contains(name)) {
      throw new IllegalArgumentException("Span exporter '" + name + "' is unknown: use " + NAMES);
    }
    return name;
  }

  /**
   * @param name an exporter name
   * @param otlpEndpoint OTLP URL or null for the default
   * @param otlpProtocol {@code http/protobuf} (default when null) or {@code grpc}
   * @param otlpHeaders headers for OTLP requests
   * @param zipkinEndpoint Zipkin URL or null for {@code http://localhost:9411/api/v2/spans}
   * @return the exporter, or null for {@code none}
   * @throws IllegalArgumentException for an unknown name
   */
  public static SpanExporter create(String name, String otlpEndpoint, String otlpProtocol,
      Map<String, String> otlpHeaders, String zipkinEndpoint) {
    switch (requireKnown(name)) {
      case "none":
        return null;
      case "otlp":
        return "grpc".equals(otlpProtocol) ? grpc(otlpEndpoint, otlpHeaders) : http(otlpEndpoint, otlpHeaders);
      case "zipkin":
        return ZipkinSpanExporter.builder()
            .setSender(URLConnectionSender.newBuilder()
                .endpoint(zipkinEndpoint != null ? zipkinEndpoint : "http://localhost:9411/api/v2/spans")
                .connectTimeout(5_000).readTimeout(10_000).build())
            .build();
      case "logging":
        return LoggingSpanExporter.create();
      case "logging-otlp":
        return OtlpJsonLoggingSpanExporter.create();
      default:
        throw new IllegalArgumentException("Span exporter '" + name + "' is unknown: use " + NAMES);
    }
  }

  private static SpanExporter http(String endpoint, Map<String, String> headers) {
    OtlpHttpSpanExporterBuilder builder = OtlpHttpSpanExporter.builder().setTimeout(Duration.ofSeconds(10));
    if (endpoint != null) {
      builder.setEndpoint(endpoint);
    }
    headers.forEach(builder::addHeader);
    return builder.build();
  }

  private static SpanExporter grpc(String endpoint, Map<String, String> headers) {
    OtlpGrpcSpanExporterBuilder builder = OtlpGrpcSpanExporter.builder().setTimeout(Duration.ofSeconds(10));
    if (endpoint != null) {
      builder.setEndpoint(endpoint);
    }
    headers.forEach(builder::addHeader);
    return builder.build();
  }
}
