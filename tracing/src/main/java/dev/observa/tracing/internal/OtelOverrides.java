package dev.observa.tracing.internal;

import dev.observa.spi.ObservaSettings;
import dev.observa.spi.Setting;
import dev.observa.tracing.TracingSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.common.export.GrpcSenderProvider;
import io.opentelemetry.sdk.resources.Resource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.StringJoiner;

/**
 * Translates {@link TracingSettings} into the {@code otel.*} properties autoconfigure reads: Observa's
 * defaults go in below the environment, builder and {@code observa.*} values on top of it.
 */
final class OtelOverrides {
  private OtelOverrides() {}

  /**
   * @return Observa's defaults in OpenTelemetry spelling; any {@code OTEL_*} variable overrides them. The
   *     OTLP protocol default goes on the signal-neutral key so that {@code OTEL_EXPORTER_OTLP_PROTOCOL} still
   *     applies (the SDK's autoconfigure defaults to grpc; the specification and Observa to http/protobuf)
   */
  static Map<String, String> defaults() {
    Map<String, String> defaults = new HashMap<>();
    for (Setting setting : TracingSettings.ALL) {
      // the attribute length default is applied by Observa's span API and the logger provider, not the SDK's spans
      // (see AutoConfiguredTracing.maxAttributeLength)
      if (setting.otelProperty() != null && setting.defaultValue() != null
          && setting != TracingSettings.MAX_ATTRIBUTE_LENGTH) {
        defaults.put(setting == TracingSettings.OTLP_PROTOCOL ? "otel.exporter.otlp.protocol" : setting.otelProperty(),
            setting.defaultValue());
      }
    }
    return defaults;
  }

  /** @return the builder's and {@code observa.*} values in OpenTelemetry spelling, winning over the environment */
  static Map<String, String> overrides(AutoConfiguredTracing.Plan plan, ConfigProperties config) {
    Map<String, String> overrides = new HashMap<>();
    for (Setting setting : TracingSettings.ALL) {
      // OTEL_* names in any case (OTEL_TRACES_EXPORTER=OTLP): handed to autoconfigure in lower case
      String given = setting.isCaseInsensitive() && setting.otelProperty() != null
          && !plan.settings().containsKey(setting) ? config.getString(setting.otelProperty()) : null;
      if (given != null && !given.equals(setting.normalize(given))) {
        overrides.put(setting.otelProperty(), setting.normalize(given));
      }
    }
    plan.settings().forEach((setting, value) -> {
      if (setting == TracingSettings.SAMPLING_RATIO) {
        overrides.put("otel.traces.sampler", "parentbased_traceidratio");
        overrides.put("otel.traces.sampler.arg", value);
      } else if (setting == TracingSettings.EXPORTERS) {
        overrides.put(setting.otelProperty(), value.replaceAll("(?<![\\w-])logging(?![\\w-])", "console"));
      } else if (setting == TracingSettings.MAX_ATTRIBUTE_LENGTH) {
        overrides.put(setting.otelProperty(), value);
        overrides.put("otel.span.attribute.value.length.limit", value);
      } else if (setting.otelProperty() != null) {
        overrides.put(setting.otelProperty(), value);
      }
    });
    if (!plan.otlpHeaders().isEmpty()) {
      Map<String, String> headers = new LinkedHashMap<>(config.getMap("otel.exporter.otlp.traces.headers"));
      if (headers.isEmpty()) {
        headers.putAll(config.getMap("otel.exporter.otlp.headers"));
      }
      headers.putAll(plan.otlpHeaders());
      StringJoiner joined = new StringJoiner(",");
      headers.forEach((name, value) -> joined.add(name + "=" + encode(value)));
      overrides.put("otel.exporter.otlp.traces.headers", joined.toString());
    }
    overrides.putAll(plan.otelProperties());
    return overrides;
  }

  /**
   * Fails at configuration time when a chosen exporter cannot work with the classpath.
   *
   * @return no overrides
   * @throws IllegalArgumentException naming the dependency to add
   */
  static Map<String, String> checkAvailable(ConfigProperties config, ClassLoader loader) {
    if (config.getBoolean("otel.sdk.disabled", false)) {
      return Map.of();
    }
    List<String> exporters = config.getList("otel.traces.exporter", List.of("otlp"));
    if (exporters.contains("zipkin") && !present("io.opentelemetry.exporter.zipkin.ZipkinSpanExporter", loader)) {
      throw new IllegalArgumentException("Span exporter 'zipkin' needs io.opentelemetry:opentelemetry-exporter-zipkin"
          + " on the classpath (published up to 1.63.0; OTLP is the exporter to move to)");
    }
    if (exporters.contains("logging-otlp")) {
      checkLoggingOtlp(version("io.opentelemetry.sdk.trace.SdkTracerProvider", loader),
          version("io.opentelemetry.exporter.logging.otlp.OtlpJsonLoggingSpanExporter", loader));
    }
    String protocol = config.getString("otel.exporter.otlp.traces.protocol",
        config.getString("otel.exporter.otlp.protocol", "http/protobuf"));
    if (exporters.contains("otlp") && "grpc".equals(protocol)
        && !ServiceLoader.load(GrpcSenderProvider.class, loader).iterator().hasNext()) {
      throw new IllegalArgumentException("OTLP protocol 'grpc' needs a gRPC sender on the classpath: add"
          + " io.opentelemetry:opentelemetry-exporter-sender-okhttp or"
          + " io.opentelemetry:opentelemetry-exporter-sender-grpc-managed-channel (the JDK HttpClient sender that"
          + " observa-tracing ships speaks http/protobuf only)");
    }
    return Map.of();
  }

  /**
   * {@code logging-otlp} uses internal classes of the OTLP exporter at its own version: the last published
   * {@code opentelemetry-exporter-logging-otlp} (1.63.0) fails on every export beside a 1.68 SDK
   * ({@code NoSuchMethodError}), so a version other than the SDK's fails here, at configuration.
   *
   * @param sdkVersion the SDK's version, or null when unknown
   * @param exporterVersion the exporter jar's version, or {@code "absent"} when it is not on the class path
   * @throws IllegalArgumentException naming the artifact and the version it must have
   */
  static void checkLoggingOtlp(String sdkVersion, String exporterVersion) {
    String artifact = "io.opentelemetry:opentelemetry-exporter-logging-otlp";
    if ("absent".equals(exporterVersion)) {
      throw new IllegalArgumentException("Span exporter 'logging-otlp' needs " + artifact + " on the classpath"
          + " (published up to 1.63.0; console and otlp need nothing more)");
    }
    if (sdkVersion != null && exporterVersion != null && !sdkVersion.equals(exporterVersion)) {
      throw new IllegalArgumentException("Span exporter 'logging-otlp' needs " + artifact + ":" + sdkVersion
          + ", the OpenTelemetry SDK's version, but " + exporterVersion + " is on the classpath (it is published up"
          + " to 1.63.0 and fails on every export beside a newer SDK): use console or otlp instead");
    }
  }

  /** @return the Implementation-Version of the jar holding the class, null when it has none, "absent" when missing */
  private static String version(String className, ClassLoader loader) {
    try {
      Package owner = Class.forName(className, false, loader).getPackage();
      return owner == null ? null : owner.getImplementationVersion();
    } catch (ClassNotFoundException | LinkageError e) {
      return "absent";
    }
  }

  /** @return the identity every signal shares, resolved once by the facade's builder */
  static Resource resource(ObservaSettings settings) {
    AttributesBuilder attributes = Attributes.builder();
    attributes.put(AttributeKey.stringKey("service.name"), settings.serviceName());
    attributes.put(AttributeKey.stringKey("service.instance.id"), settings.instanceId());
    if (settings.serviceVersion() != null) {
      attributes.put(AttributeKey.stringKey("service.version"), settings.serviceVersion());
    }
    if (settings.environment() != null) {
      attributes.put(AttributeKey.stringKey("deployment.environment.name"), settings.environment());
    }
    return Resource.create(attributes.build());
  }

  private static boolean present(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
