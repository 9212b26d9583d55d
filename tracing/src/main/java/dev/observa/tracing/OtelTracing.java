package dev.observa.tracing;

import dev.observa.spi.ObservaSettings;
import dev.observa.spi.TracingBackend;
import dev.observa.spi.TracingProvider;
import dev.observa.tracing.internal.OtelTracingBackend;
import dev.observa.tracing.internal.Propagators;
import dev.observa.tracing.internal.SpanCounters;
import dev.observa.tracing.internal.SpanExporters;
import dev.observa.tracing.internal.TracingEnvironment;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Tracing on the OpenTelemetry SDK. Spans are always recorded into {@link RecentTraces} (the embedded
 * default), so they are real and carry valid ids even with no exporter; exporters receive them through a
 * bounded {@link BatchSpanProcessor} that drops rather than blocks.
 *
 * <pre>{@code
 * Observa obs = Observa.builder()
 *     .tracing(OtelTracing.builder().exporters("otlp").otlpHeader("X-Scope-OrgID", "acme").samplingRatio(0.25).build())
 *     .build();
 * }</pre>
 *
 * <p>The standard OpenTelemetry environment variables are honoured for everything not set on the
 * builder: {@code OTEL_TRACES_EXPORTER} (otlp, zipkin, logging, logging-otlp, none; default none),
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}/{@code _HEADERS}/{@code _PROTOCOL}, {@code OTEL_EXPORTER_ZIPKIN_ENDPOINT},
 * {@code OTEL_TRACES_SAMPLER}/{@code _ARG}, {@code OTEL_PROPAGATORS} (tracecontext, baggage, b3, b3multi,
 * jaeger; default tracecontext,baggage) and {@code OTEL_RESOURCE_ATTRIBUTES}. Explicit builder settings win.
 * Invalid values fail {@link #create} with an {@link IllegalArgumentException} naming the setting.
 *
 * @since 0.1.0
 */
public final class OtelTracing implements TracingProvider {
  private final Builder builder;

  private OtelTracing(Builder builder) {
    this.builder = builder;
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
    java.util.Objects.requireNonNull(openTelemetry, "openTelemetry");
    return settings -> new dev.observa.tracing.internal.ExistingOpenTelemetryBackend(openTelemetry);
  }

  /** @return tracing with the defaults and the environment's settings */
  public static OtelTracing create() {
    return builder().build();
  }

  @Override
  public TracingBackend createBackend(ObservaSettings settings) {
    TracingEnvironment env = new TracingEnvironment(builder.environment);
    SpanCounters counters = new SpanCounters();
    RecentTraces recent = new RecentTraces(builder.recentTraces, 1000);
    SdkMeterProvider selfMeters = counters.meterProvider();
    SdkTracerProviderBuilder provider = SdkTracerProvider.builder()
        .setResource(resource(settings, env))
        .setSpanLimits(SpanLimits.builder().setMaxAttributeValueLength(builder.maxAttributeLength).build())
        .addSpanProcessor(counters)
        .addSpanProcessor(recent);
    for (SpanExporter exporter : exporters(env)) {
      provider.addSpanProcessor(BatchSpanProcessor.builder(counters.counting(exporter))
          .setMaxQueueSize(builder.queueSize).setMeterProvider(selfMeters).build());
    }
    List<String> propagatorNames = builder.propagators != null ? builder.propagators
        : env.propagators() != null ? env.propagators() : List.of("tracecontext", "baggage");
    Sampler sampler = sampler(env);
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(provider.setSampler(sampler).build())
        .setPropagators(ContextPropagators.create(Propagators.create(propagatorNames, settings.declaredKeys())))
        .build();
    TracingDescription description = new TracingDescription(exporterNames(env), List.copyOf(propagatorNames),
        sampler.getDescription(), true);
    return new OtelTracingBackend(sdk, recent, counters, selfMeters, builder.shutdownTimeout.toMillis(), description);
  }

  private List<String> exporterNames(TracingEnvironment env) {
    List<String> names = new ArrayList<>();
    builder.exporters.forEach(e -> names.add(e.getClass().getSimpleName()));
    names.addAll(builder.exporterNames != null ? builder.exporterNames
        : env.exporters() != null ? env.exporters() : List.of());
    names.removeIf("none"::equals);
    return List.copyOf(names);
  }

  private List<SpanExporter> exporters(TracingEnvironment env) {
    List<SpanExporter> exporters = new ArrayList<>(builder.exporters);
    List<String> names = builder.exporterNames != null ? builder.exporterNames
        : env.exporters() != null ? env.exporters() : List.of();
    Map<String, String> headers = new LinkedHashMap<>(env.otlpHeaders());
    headers.putAll(builder.otlpHeaders);
    String otlpEndpoint = builder.otlpEndpoint != null ? builder.otlpEndpoint : env.otlpEndpoint();
    String otlpProtocol = builder.otlpProtocol != null ? builder.otlpProtocol : env.otlpProtocol();
    String zipkinEndpoint = builder.zipkinEndpoint != null ? builder.zipkinEndpoint : env.zipkinEndpoint();
    for (String name : names) {
      SpanExporter exporter = SpanExporters.create(name, otlpEndpoint, otlpProtocol, headers, zipkinEndpoint);
      if (exporter != null) {
        exporters.add(exporter);
      }
    }
    return exporters;
  }

  private Sampler sampler(TracingEnvironment env) {
    if (builder.sampler != null) {
      return builder.sampler;
    }
    String name = env.sampler();
    if (name == null) {
      return Sampler.parentBased(Sampler.alwaysOn());
    }
    Double arg = env.samplerArg();
    double ratio = arg == null ? 1.0 : arg;
    if (name.endsWith("traceidratio") && !(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("OTEL_TRACES_SAMPLER_ARG " + ratio + " is invalid: a ratio must be in [0, 1]");
    }
    return switch (name) {
      case "always_on" -> Sampler.alwaysOn();
      case "always_off" -> Sampler.alwaysOff();
      case "traceidratio" -> Sampler.traceIdRatioBased(ratio);
      case "parentbased_always_on" -> Sampler.parentBased(Sampler.alwaysOn());
      case "parentbased_always_off" -> Sampler.parentBased(Sampler.alwaysOff());
      case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
      default -> throw new IllegalArgumentException("OTEL_TRACES_SAMPLER '" + name + "' is unknown: use always_on,"
          + " always_off, traceidratio, parentbased_always_on, parentbased_always_off or parentbased_traceidratio");
    };
  }

  private static Resource resource(ObservaSettings settings, TracingEnvironment env) {
    AttributesBuilder attributes = Attributes.builder();
    env.resourceAttributes().forEach((key, value) -> attributes.put(AttributeKey.stringKey(key), value));
    attributes.put(AttributeKey.stringKey("service.name"), settings.serviceName());
    attributes.put(AttributeKey.stringKey("service.instance.id"), settings.instanceId());
    if (settings.serviceVersion() != null) {
      attributes.put(AttributeKey.stringKey("service.version"), settings.serviceVersion());
    }
    if (settings.environment() != null) {
      attributes.put(AttributeKey.stringKey("deployment.environment.name"), settings.environment());
    }
    return Resource.getDefault().merge(Resource.create(attributes.build()));
  }

  /** Builds {@link OtelTracing}. Not thread-safe. */
  public static final class Builder {
    private Sampler sampler;
    private final List<SpanExporter> exporters = new ArrayList<>();
    private List<String> exporterNames;
    private List<String> propagators;
    private String otlpEndpoint;
    private String otlpProtocol;
    private final Map<String, String> otlpHeaders = new LinkedHashMap<>();
    private String zipkinEndpoint;
    private int recentTraces = 100;
    private int maxAttributeLength = 4096;
    private int queueSize = 2048;
    private Duration shutdownTimeout = Duration.ofSeconds(5);
    private Map<String, String> environment = System.getenv();

    private Builder() {}

    /**
     * @param sampler the sampler; default {@code OTEL_TRACES_SAMPLER}, else parent-based always-on
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
      if (!(ratio >= 0 && ratio <= 1)) {
        throw new IllegalArgumentException("samplingRatio " + ratio + " is invalid: it must be in [0, 1]");
      }
      this.sampler = Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
      return this;
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
     * @param names exporters by name: otlp, zipkin, logging, logging-otlp, none (replaces OTEL_TRACES_EXPORTER)
     * @return this
     */
    public Builder exporters(String... names) {
      List<String> list = new ArrayList<>();
      for (String name : names) {
        list.add(SpanExporters.requireKnown(name));
      }
      this.exporterNames = List.copyOf(list);
      return this;
    }

    /**
     * @param names propagators by name: tracecontext, baggage, b3, b3multi, jaeger, none
     * @return this
     */
    public Builder propagators(String... names) {
      Propagators.create(List.of(names), dev.observa.context.DeclaredKeys.defaults());
      this.propagators = List.of(names);
      return this;
    }

    /**
     * @param endpoint the OTLP traces URL, e.g. {@code http://tempo:4318/v1/traces}
     * @return this
     */
    public Builder otlpEndpoint(String endpoint) {
      this.otlpEndpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * @param protocol {@code http/protobuf} or {@code grpc}
     * @return this
     */
    public Builder otlpProtocol(String protocol) {
      if (!"http/protobuf".equals(protocol) && !"grpc".equals(protocol)) {
        throw new IllegalArgumentException("OTLP protocol '" + protocol + "' is invalid: use http/protobuf or grpc");
      }
      this.otlpProtocol = protocol;
      return this;
    }

    /**
     * @param name an OTLP request header, e.g. {@code X-Scope-OrgID} for multi-tenant Tempo
     * @param value its value
     * @return this
     */
    public Builder otlpHeader(String name, String value) {
      otlpHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * @param endpoint the Zipkin v2 spans URL, e.g. {@code http://localhost:9411/api/v2/spans}
     * @return this
     */
    public Builder zipkinEndpoint(String endpoint) {
      this.zipkinEndpoint = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * @param maxTraces how many recent traces to keep in memory, at least 1; default 100
     * @return this
     */
    public Builder recentTraces(int maxTraces) {
      if (maxTraces < 1) {
        throw new IllegalArgumentException("recentTraces is " + maxTraces + ": it must be at least 1");
      }
      this.recentTraces = maxTraces;
      return this;
    }

    /**
     * @param maxLength longest attribute value kept; longer ones are truncated. Default 4096
     * @return this
     */
    public Builder maxAttributeLength(int maxLength) {
      if (maxLength < 1) {
        throw new IllegalArgumentException("maxAttributeLength is " + maxLength + ": it must be at least 1");
      }
      this.maxAttributeLength = maxLength;
      return this;
    }

    /**
     * @param queueSize spans buffered per exporter before new ones are dropped (and counted); default 2048
     * @return this
     */
    public Builder queueSize(int queueSize) {
      if (queueSize < 1) {
        throw new IllegalArgumentException("queueSize is " + queueSize + ": it must be at least 1");
      }
      this.queueSize = queueSize;
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

    /**
     * @param environment the variables to read instead of {@link System#getenv()} (for tests and embedding)
     * @return this
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** @return the provider */
    public OtelTracing build() {
      return new OtelTracing(this);
    }
  }
}
