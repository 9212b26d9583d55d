package dev.observa.tracing;

import dev.observa.spi.Setting;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The per-tenant OTLP routes of {@link OtelTracing.Builder}, from builder calls or from
 * {@code observa.tracing.tenants.*} properties, checked when the provider is built and turned into one
 * {@link TenantRoutingSpanExporter} when the backend starts. Not thread-safe (builder state).
 */
final class TenantRoutes {
  private static final String ROUTES = "observa.tracing.tenants.routes.";
  private static final String HEADERS = ".headers.";

  private final Map<String, String> endpoints = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> headers = new LinkedHashMap<>();
  private String defaultRoute;

  void route(String tenant, String endpoint, Map<String, String> routeHeaders) {
    Objects.requireNonNull(tenant, "tenant");
    endpoints.put(tenant, endpoint);
    headers.put(tenant, new LinkedHashMap<>(Objects.requireNonNull(routeHeaders, "headers")));
  }

  void defaultRoute(String tenant) {
    this.defaultRoute = tenant;
  }

  /** @return whether the property was a tenant-routing one, now taken */
  boolean accept(Setting setting, String property, String value) {
    if (setting == TracingSettings.TENANT_ENDPOINT) {
      String tenant = property.substring(ROUTES.length(), property.length() - ".endpoint".length());
      endpoints.put(tenant, value);
      return true;
    }
    if (setting == TracingSettings.TENANT_HEADERS) {
      String rest = property.substring(ROUTES.length());
      int split = rest.indexOf(HEADERS);
      headers.computeIfAbsent(rest.substring(0, split), t -> new LinkedHashMap<>())
          .put(rest.substring(split + HEADERS.length()), value);
      return true;
    }
    if (setting == TracingSettings.TENANT_DEFAULT_ROUTE) {
      defaultRoute = value;
      return true;
    }
    return false;
  }

  /** @return these routes with the explicit ones on top: a tenant's explicit route replaces its configured one */
  TenantRoutes overriddenBy(TenantRoutes explicit) {
    TenantRoutes merged = new TenantRoutes();
    merged.endpoints.putAll(endpoints);
    headers.forEach((tenant, values) -> merged.headers.put(tenant, new LinkedHashMap<>(values)));
    merged.endpoints.putAll(explicit.endpoints);
    explicit.headers.forEach((tenant, values) -> merged.headers.put(tenant, new LinkedHashMap<>(values)));
    merged.defaultRoute = explicit.defaultRoute != null ? explicit.defaultRoute : defaultRoute;
    return merged;
  }

  /**
   * @return what makes the routing exporter, or null when no route is set
   * @throws IllegalArgumentException naming the property of a route without endpoint, a missing or unknown
   *     default route, or a bad tenant name
   */
  Supplier<SpanExporter> exporter() {
    if (endpoints.isEmpty() && headers.isEmpty() && defaultRoute == null) {
      return null;
    }
    for (String tenant : headers.keySet()) {
      if (!endpoints.containsKey(tenant)) {
        throw new IllegalArgumentException(ROUTES + tenant + ".endpoint is missing: tenant '" + tenant
            + "' has headers but no OTLP endpoint");
      }
    }
    if (defaultRoute == null || !endpoints.containsKey(defaultRoute)) {
      throw new IllegalArgumentException(TracingSettings.TENANT_DEFAULT_ROUTE.property() + " is '" + defaultRoute
          + "': allowed values are the tenants with a route " + endpoints.keySet()
          + " (spans of no listed tenant need a destination)");
    }
    TenantRoutingSpanExporter.builder().tenants(endpoints.keySet().toArray(String[]::new));   // checks the names
    Map<String, String> fixedEndpoints = Map.copyOf(endpoints);
    Map<String, Map<String, String>> fixedHeaders = new LinkedHashMap<>();
    endpoints.keySet().forEach(tenant -> fixedHeaders.put(tenant, Map.copyOf(headers.getOrDefault(tenant, Map.of()))));
    String fallback = defaultRoute;
    return () -> {
      TenantRoutingSpanExporterBuilder builder = TenantRoutingSpanExporter.builder();
      fixedEndpoints.forEach((tenant, endpoint) -> builder.route(tenant, endpoint, fixedHeaders.get(tenant)));
      return builder.defaultTenant(fallback).build();
    };
  }
}
