package dev.observa.tracing;

import dev.observa.spi.ObservaSettings;
import dev.observa.spi.Setting;
import dev.observa.spi.TracingBackend;
import dev.observa.spi.TracingProvider;
import dev.observa.tracing.internal.AutoConfiguredTracing;
import dev.observa.tracing.internal.ExistingOpenTelemetryBackend;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tracing on the OpenTelemetry SDK, configured by the SDK's own autoconfigure: every {@code OTEL_*} variable
 * and {@code otel.*} system property of the specification works ({@code OTEL_SDK_DISABLED},
 * {@code OTEL_SERVICE_NAME}, {@code OTEL_RESOURCE_ATTRIBUTES}, samplers, exporters, batch processor, limits,
 * TLS, compression). Observa adds its parts through the autoconfigure customizers: validating W3C
 * propagators that send only declared baggage, {@link RecentTraces} (spans are always kept in memory, so ids
 * are real even with no exporter), span self-metrics and {@link InboundSampling}.
 *
 * <pre>{@code
 * Observa obs = Observa.builder()
 *     .tracing(OtelTracing.builder().exporters("otlp").otlpHeader("X-Scope-OrgID", "acme").samplingRatio(0.25).build())
 *     .build();
 * }</pre>
 *
 * <p>A bounded {@link io.opentelemetry.sdk.trace.export.BatchSpanProcessor} feeds each exporter and drops
 * rather than blocks. Precedence, for every setting of {@link TracingSettings}: a builder call &gt; an {@code observa.*}
 * property ({@link Builder#properties}, as the Spring Boot starter passes them) &gt; {@code OTEL_*} /
 * {@code otel.*} &gt; Observa's default. Invalid values fail with an {@link IllegalArgumentException} naming
 * the spelling that carried them. The built object is immutable: changing the builder afterwards has no effect.
 *
 * @since 0.1.0
 */
public final class OtelTracing implements TracingProvider {
  private final AutoConfiguredTracing.Plan plan;

  private OtelTracing(AutoConfiguredTracing.Plan plan) {
    this.plan = plan;
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Spans through an OpenTelemetry instance the application already has (e.g. a Spring bean), so there is
   * never a second SDK. Exporters, sampling and propagation are then that instance's; closing Observa
   * leaves it running.
   *
   * @param openTelemetry the application's instance
   * @return the provider
   */
  public static TracingProvider using(io.opentelemetry.api.OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    return settings -> new ExistingOpenTelemetryBackend(openTelemetry, settings.declaredKeys());
  }

  /**
   * Like {@link #using(io.opentelemetry.api.OpenTelemetry)}, for an SDK built with {@code recentTraces} among its
   * span processors (Spring Boot picks up {@code SpanProcessor} beans): {@code unwrap(RecentTraces.class)} then
   * returns that store, so the recent-trace view fills from the application's SDK.
   *
   * <pre>{@code
   * RecentTraces store = RecentTraces.builder().build();   // a SpanProcessor of the application's SDK
   * Observa.builder().tracing(OtelTracing.using(openTelemetry, store)).build();
   * }</pre>
   *
   * @param openTelemetry the application's instance
   * @param recentTraces the store registered as one of its span processors
   * @return the provider
   */
  public static TracingProvider using(io.opentelemetry.api.OpenTelemetry openTelemetry, RecentTraces recentTraces) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    Objects.requireNonNull(recentTraces, "recentTraces");
    return settings -> new ExistingOpenTelemetryBackend(openTelemetry, settings.declaredKeys(), recentTraces);
  }

  /**
   * Like {@link #using(io.opentelemetry.api.OpenTelemetry, RecentTraces)}, also for an SDK built with
   * {@code counting} among its span processors and around its exporters: {@code unwrap(SpanStats.class)} then
   * returns it, so the doctor sees a dead exporter of the application's SDK.
   *
   * @param openTelemetry the application's instance
   * @param recentTraces the store registered as one of its span processors, or null
   * @param counting the counters registered as one of its span processors, or null
   * @return the provider
   */
  public static TracingProvider using(io.opentelemetry.api.OpenTelemetry openTelemetry, RecentTraces recentTraces,
      SpanCounting counting) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    return settings -> new ExistingOpenTelemetryBackend(openTelemetry, settings.declaredKeys(), recentTraces, counting);
  }

  /**
   * Like {@link #using(io.opentelemetry.api.OpenTelemetry, RecentTraces, SpanCounting)}, with the longest string
   * attribute value Observa's span API keeps given ({@code observa.tracing.max-attribute-length}); the other
   * overloads take it from {@code OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT}, else {@code
   * OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT}, else 4096. The application's SDK applies its own span limits on top.
   *
   * @param openTelemetry the application's instance
   * @param recentTraces the store registered as one of its span processors, or null
   * @param counting the counters registered as one of its span processors, or null
   * @param maxAttributeLength the longest string attribute value kept, {@code >= 0}
   * @return the provider
   * @throws IllegalArgumentException for a negative length
   * @since 0.1.0
   */
  public static TracingProvider using(io.opentelemetry.api.OpenTelemetry openTelemetry, RecentTraces recentTraces,
      SpanCounting counting, int maxAttributeLength) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    if (maxAttributeLength < 0) {
      throw new IllegalArgumentException("maxAttributeLength is " + maxAttributeLength + ": it must be >= 0");
    }
    return settings -> new ExistingOpenTelemetryBackend(openTelemetry, settings.declaredKeys(), recentTraces, counting,
        maxAttributeLength);
  }

  /** @return tracing with the defaults and the environment's settings */
  public static OtelTracing create() {
    return builder().build();
  }

  @Override
  public TracingBackend createBackend(ObservaSettings settings) {
    return AutoConfiguredTracing.create(plan, settings);
  }

  /** Builds {@link OtelTracing}; {@link #build()} copies the state. Not thread-safe. */
  public static final class Builder {
    private final Map<Setting, String> explicit = new LinkedHashMap<>();
    private final Map<Setting, String> configured = new LinkedHashMap<>();
    private final Map<String, String> explicitHeaders = new LinkedHashMap<>();
    private final Map<String, String> configuredHeaders = new LinkedHashMap<>();
    private final Map<String, String> otelProperties = new LinkedHashMap<>();
    private final List<SpanExporter> exporters = new ArrayList<>();
    private final List<SpanProcessor> processors = new ArrayList<>();
    private final TenantRoutes explicitRoutes = new TenantRoutes();
    private final TenantRoutes configuredRoutes = new TenantRoutes();
    private Sampler sampler;
    private InboundSampling inboundSampling;
    private Duration shutdownTimeout = Duration.ofSeconds(5);

    private Builder() {}

    private Builder set(Setting setting, String value) {
      explicit.put(setting, setting.check(setting.builderMethod(), value));
      return this;
    }

    /**
     * @param sampler a sampler of your own; wins over every sampler setting
     * @return this
     */
    public Builder sampler(Sampler sampler) {
      this.sampler = Objects.requireNonNull(sampler, "sampler");
      return this;
    }

    /**
     * @param ratio the share of new traces sampled, parent-based, in [0, 1]
     * @return this
     */
    public Builder samplingRatio(double ratio) {
      return set(TracingSettings.SAMPLING_RATIO, Double.toString(ratio));
    }

    /**
     * @param policy how far callers' {@code sampled} flags are trusted; default {@link InboundSampling#trust()}
     * @return this
     */
    public Builder inboundSampling(InboundSampling policy) {
      this.inboundSampling = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * @param networks CIDR blocks or IP addresses (e.g. {@code 10.0.0.0/8}, {@code fd00::/8}) of callers whose
     *     {@code sampled} flag is honoured whatever the inbound policy; default none. Servers pass the peer
     *     address to {@code Observa.extract(carrier, getter, remoteAddress)}
     * @return this
     */
    public Builder inboundTrustedCallers(String... networks) {
      return set(TracingSettings.INBOUND_TRUSTED_CALLERS, String.join(",", networks));
    }

    /**
     * @param exporter an exporter of your own, fed through a bounded batch processor
     * @return this
     */
    public Builder exporter(SpanExporter exporter) {
      exporters.add(Objects.requireNonNull(exporter, "exporter"));
      return this;
    }

    /**
     * A span processor of your own, called by Observa's one processor of the SDK (after the span counts on start,
     * before the recent-trace store and the exporters on end) rather than registered beside it, so a span's start
     * and end stay one call each into the SDK's processors. If it throws, it is skipped for that span. Flushed and
     * shut down with the rest.
     *
     * @param processor e.g. one that adds attributes on start
     * @return this
     */
    public Builder spanProcessor(SpanProcessor processor) {
      processors.add(Objects.requireNonNull(processor, "processor"));
      return this;
    }

    /**
     * @param names otlp, console, logging-otlp, zipkin, none; replaces {@code OTEL_TRACES_EXPORTER}
     * @return this
     */
    public Builder exporters(String... names) {
      return set(TracingSettings.EXPORTERS, String.join(",", names));
    }

    /**
     * @param names tracecontext, baggage, b3, b3multi, jaeger, none; replaces {@code OTEL_PROPAGATORS}
     * @return this
     */
    public Builder propagators(String... names) {
      return set(TracingSettings.PROPAGATORS, String.join(",", names));
    }

    /**
     * @param endpoint the OTLP traces URL, e.g. {@code http://tempo:4318/v1/traces}
     * @return this
     */
    public Builder otlpEndpoint(String endpoint) {
      return set(TracingSettings.OTLP_ENDPOINT, endpoint);
    }

    /**
     * @param protocol {@code http/protobuf} (default) or {@code grpc} (needs a gRPC sender dependency)
     * @return this
     */
    public Builder otlpProtocol(String protocol) {
      return set(TracingSettings.OTLP_PROTOCOL, protocol);
    }

    /**
     * @param name an OTLP request header, e.g. {@code X-Scope-OrgID} for multi-tenant Tempo
     * @param value its value
     * @return this
     */
    public Builder otlpHeader(String name, String value) {
      explicitHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sends one tenant's spans (recorded under {@code ObservaContext.withTenant}) to an OTLP/HTTP endpoint of
     * its own, with headers of its own, through a {@link TenantRoutingSpanExporter}; tenants are fixed here,
     * so requests cannot create exporters. Once a route is given, {@link #defaultTenantRoute} is required.
     *
     * @param tenant the tenant
     * @param endpoint its OTLP/HTTP traces URL, e.g. {@code http://tempo-acme:4318/v1/traces}
     * @param headers its request headers, e.g. {@code X-Scope-OrgID=acme}
     * @return this
     */
    public Builder tenantRoute(String tenant, String endpoint, Map<String, String> headers) {
      explicitRoutes.route(tenant, TracingSettings.TENANT_ENDPOINT.check("tenantRoute", endpoint), headers);
      return this;
    }

    /**
     * @param tenant the route of spans with no tenant or a tenant without a route of its own
     * @return this
     */
    public Builder defaultTenantRoute(String tenant) {
      explicitRoutes.defaultRoute(TracingSettings.TENANT_DEFAULT_ROUTE.check("defaultTenantRoute", tenant));
      return this;
    }

    /**
     * @param endpoint the Zipkin v2 spans URL (needs {@code io.opentelemetry:opentelemetry-exporter-zipkin})
     * @return this
     */
    public Builder zipkinEndpoint(String endpoint) {
      return set(TracingSettings.ZIPKIN_ENDPOINT, endpoint);
    }

    /**
     * @param maxTraces how many recent traces to keep in memory, at least 1; default 100
     * @return this
     */
    public Builder recentTraces(int maxTraces) {
      return set(TracingSettings.RECENT_TRACES, Integer.toString(maxTraces));
    }

    /**
     * @param maxBytes the memory budget of the recent traces kept in memory, at least 65536; default 4 MiB
     * @return this
     */
    public Builder recentTracesMaxBytes(long maxBytes) {
      return set(TracingSettings.RECENT_TRACES_MAX_BYTES, Long.toString(maxBytes));
    }

    /**
     * @param ratio the share of traces kept in memory (0 to 1), chosen by trace id; default 1 without an
     *     exporter, {@value RecentTraces#EXPORTING_SAMPLE_RATIO} with one
     * @return this
     */
    public Builder recentTracesSampleRatio(double ratio) {
      return set(TracingSettings.RECENT_TRACES_SAMPLE_RATIO, Double.toString(ratio));
    }

    /**
     * @param maxLength longest attribute value kept; longer ones are truncated. Default 4096, applied by Observa's
     *     span API and to log records; once set, also by the SDK to spans made through the OpenTelemetry API
     * @return this
     */
    public Builder maxAttributeLength(int maxLength) {
      return set(TracingSettings.MAX_ATTRIBUTE_LENGTH, Integer.toString(maxLength));
    }

    /**
     * @param queueSize spans buffered per exporter before new ones are dropped (and counted); default 2048
     * @return this
     */
    public Builder queueSize(int queueSize) {
      return set(TracingSettings.QUEUE_SIZE, Integer.toString(queueSize));
    }

    /**
     * @param disabled true: no span is recorded or exported (as {@code OTEL_SDK_DISABLED=true})
     * @return this
     */
    public Builder sdkDisabled(boolean disabled) {
      return set(TracingSettings.SDK_DISABLED, Boolean.toString(disabled));
    }

    /**
     * Sets any OpenTelemetry SDK property at builder precedence, e.g. {@code otel.bsp.schedule.delay}.
     *
     * @param name an {@code otel.*} property name
     * @param value its value, validated by the SDK when the provider is created
     * @return this
     */
    public Builder otelProperty(String name, String value) {
      if (name == null || !name.startsWith("otel.")) {
        throw new IllegalArgumentException("OpenTelemetry property '" + name + "' is invalid: it must start with otel.");
      }
      otelProperties.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * The {@code observa.*} level (below builder calls, above {@code OTEL_*}): properties by their
     * {@code observa.tracing.*} names, e.g. {@code observa.tracing.exporters=otlp}; headers as
     * {@code observa.tracing.otlp-headers.<name>}.
     *
     * @param properties property names and values; null values are skipped
     * @return this
     * @throws IllegalArgumentException naming the first unknown property or invalid value
     */
    public Builder properties(Map<String, String> properties) {
      String headerPrefix = TracingSettings.OTLP_HEADERS.property() + ".";
      properties.forEach((name, value) -> {
        if (value == null) {
          return;
        }
        if (name.startsWith(headerPrefix)) {
          configuredHeaders.put(name.substring(headerPrefix.length()), value);
          return;
        }
        Setting setting = TracingSettings.byProperty(name);
        String checked = setting.check(name, value);
        if (!configuredRoutes.accept(setting, name, checked)) {
          configured.put(setting, checked);
        }
      });
      return this;
    }

    /**
     * @param timeout the bound on flush and shutdown when closing and at JVM exit; default 5 s
     * @return this
     */
    public Builder shutdownTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout is " + timeout + ": it must be zero or positive");
      }
      this.shutdownTimeout = timeout;
      return this;
    }

    /** @return the provider, holding a copy of this builder's state */
    public OtelTracing build() {
      Map<Setting, String> resolved = new LinkedHashMap<>(configured);
      resolved.putAll(explicit);
      Map<String, String> headers = new LinkedHashMap<>(configuredHeaders);
      headers.putAll(explicitHeaders);
      InboundSampling inbound = inboundSampling != null ? inboundSampling : inbound(resolved);
      return new OtelTracing(new AutoConfiguredTracing.Plan(Map.copyOf(resolved), Map.copyOf(headers),
          Map.copyOf(otelProperties), List.copyOf(exporters), List.copyOf(processors), sampler, inbound, shutdownTimeout.toMillis(),
          configuredRoutes.overriddenBy(explicitRoutes).exporter()));
    }

    private static InboundSampling inbound(Map<Setting, String> resolved) {
      String mode = resolved.get(TracingSettings.INBOUND_SAMPLING);
      if (mode == null) {
        return null;
      }
      String arg = resolved.get(TracingSettings.INBOUND_SAMPLING_ARG);
      try {
        return new InboundSampling(mode, arg == null ? (mode.equals("ratio") ? 1.0 : 10.0) : Double.parseDouble(arg));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(TracingSettings.INBOUND_SAMPLING_ARG.property() + " is '" + arg + "': "
            + e.getMessage(), e);
      }
    }
  }

  /** @return a short description, for diagnostics */
  @Override
  public String toString() {
    return "OtelTracing" + plan.settings();
  }
}
