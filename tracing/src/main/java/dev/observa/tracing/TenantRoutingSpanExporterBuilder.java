package dev.observa.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds a {@link TenantRoutingSpanExporter}. Settings are checked here: a bad value throws
 * {@link IllegalArgumentException} naming it.
 *
 * <pre>{@code
 * TenantRoutingSpanExporter.builder().otlpEndpoint("http://tempo:4318/v1/traces")
 *     .tenantHeader("X-Scope-OrgID").tenants("acme", "globex").defaultTenant("shared").build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TenantRoutingSpanExporterBuilder {
  /** The most tenants one exporter routes to (each has an exporter and its connections). */
  public static final int MAX_TENANTS = 100;
  private static final int MAX_TENANT_LENGTH = 256;

  private String attribute;
  private final Set<String> tenants = new LinkedHashSet<>();
  private String defaultTenant;
  private String tenantHeader = "X-Scope-OrgID";
  private String otlpEndpoint;
  private final Map<String, String> otlpHeaders = new LinkedHashMap<>();
  private Function<String, SpanExporter> factory;
  private final Map<String, Route> routes = new LinkedHashMap<>();

  /** One tenant's own OTLP destination. */
  private record Route(String endpoint, Map<String, String> headers) {}

  TenantRoutingSpanExporterBuilder(String attribute) {
    this.attribute = attribute;
  }

  /**
   * @param key the span attribute holding the tenant; default {@code tenant}
   * @return this
   */
  public TenantRoutingSpanExporterBuilder attribute(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("Tenant attribute '" + key + "' is invalid: it must not be blank");
    }
    this.attribute = key;
    return this;
  }

  /**
   * @param values the tenants routed to exporters of their own, at most {@value #MAX_TENANTS}
   * @return this
   */
  public TenantRoutingSpanExporterBuilder tenants(String... values) {
    for (String value : values) {
      tenants.add(requireTenant(value));
    }
    if (tenants.size() > MAX_TENANTS) {
      throw new IllegalArgumentException("Tenants " + tenants.size() + " are too many: at most " + MAX_TENANTS);
    }
    return this;
  }

  /**
   * @param value the tenant of spans without one or with one not listed; unset, they are sent without a
   *     tenant header
   * @return this
   */
  public TenantRoutingSpanExporterBuilder defaultTenant(String value) {
    this.defaultTenant = requireTenant(value);
    return this;
  }

  /**
   * @param name the request header carrying the tenant; default {@code X-Scope-OrgID}
   * @return this
   */
  public TenantRoutingSpanExporterBuilder tenantHeader(String name) {
    if (name == null || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      throw new IllegalArgumentException("Tenant header '" + name + "' is not an HTTP header name");
    }
    this.tenantHeader = name;
    return this;
  }

  /**
   * @param endpoint the OTLP/HTTP traces URL, e.g. {@code http://jaeger:4318/v1/traces}
   * @return this
   */
  public TenantRoutingSpanExporterBuilder otlpEndpoint(String endpoint) {
    this.otlpEndpoint = requireEndpoint(endpoint);
    return this;
  }

  private static String requireEndpoint(String endpoint) {
    if (endpoint == null || !endpoint.matches("https?://.+")) {
      throw new IllegalArgumentException("OTLP endpoint '" + endpoint + "' is invalid: use an http(s) URL");
    }
    return endpoint;
  }

  /**
   * @param name a header every tenant's OTLP requests carry (e.g. authorization)
   * @param value its value
   * @return this
   */
  public TenantRoutingSpanExporterBuilder otlpHeader(String name, String value) {
    otlpHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Sends one tenant's spans to an OTLP/HTTP endpoint of its own, with headers of its own (beside those of
   * {@link #otlpHeader}); the {@link #tenantHeader} is not added to a route: name it in {@code headers} when
   * the backend wants it.
   *
   * <pre>{@code
   * builder.route("acme", "http://tempo-acme:4318/v1/traces", Map.of("X-Scope-OrgID", "acme"))
   *     .route("globex", "http://tempo-globex:4318/v1/traces", Map.of()).defaultTenant("acme");
   * }</pre>
   *
   * @param tenant the tenant, as {@link #tenants}
   * @param endpoint its OTLP/HTTP traces URL
   * @param headers its request headers, e.g. an authorization of its own
   * @return this
   */
  public TenantRoutingSpanExporterBuilder route(String tenant, String endpoint, Map<String, String> headers) {
    requireTenant(tenant);
    routes.put(tenant, new Route(requireEndpoint(endpoint), Map.copyOf(headers)));
    return tenants(tenant);
  }

  /**
   * @param exporterForTenant makes the exporter of one tenant (called with null for spans sent without a
   *     tenant); replaces the OTLP exporters
   * @return this
   */
  public TenantRoutingSpanExporterBuilder exporterFactory(Function<String, SpanExporter> exporterForTenant) {
    this.factory = Objects.requireNonNull(exporterForTenant, "exporterForTenant");
    return this;
  }

  /** @return the exporter, with one exporter made now per tenant and one for the default */
  public TenantRoutingSpanExporter build() {
    Function<String, SpanExporter> shared = factory != null ? factory : this::otlp;
    Function<String, SpanExporter> make = tenant -> routes.containsKey(tenant) ? route(routes.get(tenant))
        : shared.apply(tenant);
    boolean defaultRouted = defaultTenant != null && routes.containsKey(defaultTenant);
    if (factory == null && otlpEndpoint == null && !defaultRouted) {
      throw new IllegalArgumentException(routes.isEmpty()
          ? "TenantRoutingSpanExporter needs an otlpEndpoint or an exporterFactory"
          : "TenantRoutingSpanExporter needs a default tenant among its routes " + routes.keySet()
              + " (or an otlpEndpoint) for spans of no listed tenant; default tenant is '" + defaultTenant + "'");
    }
    Map<String, SpanExporter> byTenant = new LinkedHashMap<>();
    for (String tenant : tenants) {
      byTenant.put(tenant, Objects.requireNonNull(make.apply(tenant), "exporter for tenant " + tenant));
    }
    SpanExporter fallback = defaultTenant != null && byTenant.containsKey(defaultTenant) ? byTenant.get(defaultTenant)
        : Objects.requireNonNull(make.apply(defaultTenant), "exporter for the default tenant");
    return new TenantRoutingSpanExporter(AttributeKey.stringKey(attribute), byTenant, fallback);
  }

  /** An OTLP/HTTP (protobuf) exporter to a tenant's own endpoint, with the common and the route's headers. */
  private SpanExporter route(Route route) {
    OtlpHttpSpanExporterBuilder otlp = OtlpHttpSpanExporter.builder().setEndpoint(route.endpoint())
        .setTimeout(Duration.ofSeconds(10));
    otlpHeaders.forEach(otlp::addHeader);
    route.headers().forEach(otlp::addHeader);
    return otlp.build();
  }

  /** An OTLP/HTTP (protobuf) exporter over the SDK's default sender, with this tenant's header. */
  private SpanExporter otlp(String tenant) {
    OtlpHttpSpanExporterBuilder otlp = OtlpHttpSpanExporter.builder().setEndpoint(otlpEndpoint)
        .setTimeout(Duration.ofSeconds(10));
    otlpHeaders.forEach(otlp::addHeader);
    if (tenant != null) {
      otlp.addHeader(tenantHeader, tenant);
    }
    return otlp.build();
  }

  private static String requireTenant(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_TENANT_LENGTH
        || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("Tenant '" + value + "' is invalid: use 1 to " + MAX_TENANT_LENGTH
          + " visible ASCII characters");
    }
    return value;
  }
}
