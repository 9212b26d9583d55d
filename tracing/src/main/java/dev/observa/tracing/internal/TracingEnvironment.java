package dev.observa.tracing.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The standard OpenTelemetry environment variables, read once: {@code OTEL_TRACES_EXPORTER},
 * {@code OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT|HEADERS|PROTOCOL}, {@code OTEL_EXPORTER_ZIPKIN_ENDPOINT},
 * {@code OTEL_TRACES_SAMPLER[_ARG]}, {@code OTEL_PROPAGATORS}, {@code OTEL_RESOURCE_ATTRIBUTES}. Values
 * that cannot be understood fail with an {@link IllegalArgumentException} naming the variable.
 */
public final class TracingEnvironment {
  private final Map<String, String> env;

  /** @param env the environment, normally {@link System#getenv()} */
  public TracingEnvironment(Map<String, String> env) {
    this.env = env;
  }

  private String get(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** @return the exporter names, or null when unset */
  public List<String> exporters() {
    String value = get("OTEL_TRACES_EXPORTER");
    return value == null ? null : list("OTEL_TRACES_EXPORTER", value);
  }

  /** @return the propagator names, or null when unset */
  public List<String> propagators() {
    String value = get("OTEL_PROPAGATORS");
    return value == null ? null : list("OTEL_PROPAGATORS", value);
  }

  /** @return the OTLP traces URL, or null when unset; a base endpoint gets {@code /v1/traces} for HTTP */
  public String otlpEndpoint() {
    String traces = get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    if (traces != null) {
      return traces;
    }
    String base = get("OTEL_EXPORTER_OTLP_ENDPOINT");
    if (base == null) {
      return null;
    }
    if ("grpc".equals(otlpProtocol())) {
      return base;
    }
    return base.endsWith("/") ? base + "v1/traces" : base + "/v1/traces";
  }

  /** @return {@code http/protobuf}, {@code grpc}, or null when unset */
  public String otlpProtocol() {
    String value = get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL");
    if (value == null) {
      value = get("OTEL_EXPORTER_OTLP_PROTOCOL");
    }
    if (value != null && !value.equals("http/protobuf") && !value.equals("grpc")) {
      throw new IllegalArgumentException("OTEL_EXPORTER_OTLP_PROTOCOL '" + value + "' is not supported: use http/protobuf or grpc");
    }
    return value;
  }

  /** @return OTLP headers (e.g. {@code X-Scope-OrgID}), empty when unset */
  public Map<String, String> otlpHeaders() {
    Map<String, String> headers = pairs("OTEL_EXPORTER_OTLP_HEADERS", get("OTEL_EXPORTER_OTLP_HEADERS"));
    headers.putAll(pairs("OTEL_EXPORTER_OTLP_TRACES_HEADERS", get("OTEL_EXPORTER_OTLP_TRACES_HEADERS")));
    return headers;
  }

  /** @return the Zipkin URL, or null when unset */
  public String zipkinEndpoint() {
    return get("OTEL_EXPORTER_ZIPKIN_ENDPOINT");
  }

  /** @return the sampler name, or null when unset */
  public String sampler() {
    String value = get("OTEL_TRACES_SAMPLER");
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  /** @return the sampler argument, or null when unset */
  public Double samplerArg() {
    String value = get("OTEL_TRACES_SAMPLER_ARG");
    if (value == null) {
      return null;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("OTEL_TRACES_SAMPLER_ARG '" + value + "' is not a number");
    }
  }

  /** @return resource attributes, empty when unset */
  public Map<String, String> resourceAttributes() {
    return pairs("OTEL_RESOURCE_ATTRIBUTES", get("OTEL_RESOURCE_ATTRIBUTES"));
  }

  private static List<String> list(String variable, String value) {
    List<String> names = new ArrayList<>();
    for (String part : value.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }

  private static Map<String, String> pairs(String variable, String value) {
    Map<String, String> map = new LinkedHashMap<>();
    if (value == null) {
      return map;
    }
    for (String pair : value.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(variable + " entry '" + pair.trim() + "' is invalid: expected key=value");
      }
      map.put(decode(pair.substring(0, eq).trim()), decode(pair.substring(eq + 1).trim()));
    }
    return map;
  }

  private static String decode(String value) {
    try {
      return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }
}
