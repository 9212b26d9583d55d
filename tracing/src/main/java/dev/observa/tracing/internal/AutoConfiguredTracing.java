package dev.observa.tracing.internal;

import dev.observa.spi.ObservaSettings;
import dev.observa.spi.OtelEnvironment;
import dev.observa.spi.Setting;
import dev.observa.spi.TracingBackend;
import dev.observa.tracing.InboundSampling;
import dev.observa.tracing.RecentTraces;
import dev.observa.tracing.TracingDescription;
import dev.observa.tracing.TracingSettings;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.logs.LogLimits;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessorBuilder;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Builds the SDK with OpenTelemetry's autoconfigure, which reads every {@code OTEL_*} setting, and adds
 * Observa's parts through its customizers: {@link RecentTraces} and {@link SpanCounters} as span processors,
 * a counting wrapper around every exporter, the validating propagators, the service identity every signal
 * shares, the inbound sampling policy. The environment is never read here.
 */
public final class AutoConfiguredTracing {
  /**
   * What {@code OtelTracing.Builder} resolved: builder and {@code observa.*} values, already validated.
   *
   * @param settings values of {@link TracingSettings} given on the builder or as {@code observa.*}
   * @param otlpHeaders OTLP headers added to those of {@code OTEL_EXPORTER_OTLP_[TRACES_]HEADERS}
   * @param otelProperties raw {@code otel.*} properties given on the builder
   * @param exporters exporter objects given on the builder
   * @param sampler a sampler object given on the builder, or null
   * @param inbound the inbound sampling policy given on the builder or as {@code observa.*}, or null
   * @param shutdownMillis the bound on flush and shutdown
   * @param tenantRouting makes the tenant-routing exporter of the configured routes, or null when there are none
   */
  public record Plan(Map<Setting, String> settings, Map<String, String> otlpHeaders, Map<String, String> otelProperties,
      List<SpanExporter> exporters, List<SpanProcessor> processors, Sampler sampler, InboundSampling inbound,
      long shutdownMillis, Supplier<SpanExporter> tenantRouting) {}

  static final String GENERAL_LENGTH_LIMIT = "otel.attribute.value.length.limit";
  static final String SPAN_LENGTH_LIMIT = "otel.span.attribute.value.length.limit";
  static final int DEFAULT_LENGTH_LIMIT = dev.observa.trace.SpanBuilder.DEFAULT_MAX_ATTRIBUTE_LENGTH;

  private AutoConfiguredTracing() {}

  /**
   * @param plan the resolved builder state
   * @param settings the facade's settings (service identity, declared keys)
   * @return the backend
   * @throws IllegalArgumentException for any invalid setting, naming it
   */
  public static TracingBackend create(Plan plan, ObservaSettings settings) {
    OtelEnvironment.checkConfigFile(AutoConfiguredTracing.class.getClassLoader());
    SpanCounters counters = new SpanCounters();
    // made when the SDK's final configuration says whether an exporter runs (see recentTraces)
    AtomicReference<RecentTraces> recentHolder = new AtomicReference<>();
    AtomicBoolean feeding = new AtomicBoolean(); // whether an exporter already feeds the store (one does)
    MeterProvider selfMeters = counters.meterProvider();
    AtomicReference<ConfigProperties> finalConfig = new AtomicReference<>();
    AtomicReference<TextMapPropagator> ours = new AtomicReference<>();
    ClassLoader loader = AutoConfiguredTracing.class.getClassLoader();
    OpenTelemetrySdk sdk;
    try {
      sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .setServiceClassLoader(loader)
          .disableShutdownHook()
          .addPropertiesSupplier(OtelOverrides::defaults)
          .addPropertiesCustomizer(config -> OtelOverrides.overrides(plan, config))
          .addPropertiesCustomizer(config -> OtelOverrides.checkAvailable(config, loader))
          .addResourceCustomizer((resource, config) -> {
            finalConfig.set(config);
            return resource.merge(OtelOverrides.resource(settings));
          })
          .addSamplerCustomizer((sampler, config) -> sampler(plan, sampler))
          .addPropagatorCustomizer((propagator, config) -> propagator(config, settings, propagator, ours))
          .addSpanExporterCustomizer((exporter, config) -> counters.counting(exporter, storeFeed(feeding, recentHolder)))
          .addMeterProviderCustomizer((builder, config) -> builder.registerMetricReader(counters.sdkReader()))
          .addTracerProviderCustomizer((builder, config) -> processors(builder, config, plan, counters,
              recentHolder, feeding, selfMeters))
          .addLoggerProviderCustomizer((builder, config) -> config.getInt(GENERAL_LENGTH_LIMIT) != null ? builder
              : builder.setLogLimits(() -> LogLimits.builder().setMaxAttributeValueLength(DEFAULT_LENGTH_LIMIT)
                  .setMaxNumberOfAttributes(config.getInt("otel.attribute.count.limit", 128)).build()))
          .build()
          .getOpenTelemetrySdk();
    } catch (ConfigurationException | IllegalArgumentException e) {
      throw new IllegalArgumentException(message(e), e);
    }
    ConfigProperties config = finalConfig.get();
    RecentTraces recent = recentHolder.get() != null ? recentHolder.get() : recentTraces(plan, false);
    boolean disabled = config.getBoolean("otel.sdk.disabled", false);
    List<String> propagators = config.getList("otel.propagators", List.of("tracecontext", "baggage"));
    TextMapPropagator propagator = disabled ? propagator(config, settings, TextMapPropagator.noop(), ours)
        : sdk.getPropagators().getTextMapPropagator();
    Tracer tracer = disabled ? TracerProvider.noop().get("dev.observa") : sdk.getTracer("dev.observa");
    TracingDescription description = new TracingDescription(disabled ? List.of() : exporterNames(config, plan),
        List.copyOf(propagators), disabled ? "disabled (otel.sdk.disabled=true)"
        : sdk.getSdkTracerProvider().getSampler().getDescription(), true);
    return new OtelTracingBackend(sdk, tracer, propagator, recent, counters, plan.shutdownMillis(),
        description, TrustedCallers.parse(plan.settings().get(TracingSettings.INBOUND_TRUSTED_CALLERS)),
        maxAttributeLength(config));
  }

  /**
   * The longest string attribute value of Observa's span API: {@code otel.span.attribute.value.length.limit}, else
   * {@code otel.attribute.value.length.limit} (either also given as {@code observa.tracing.max-attribute-length}),
   * else Observa's default of {@value #DEFAULT_LENGTH_LIMIT}. Unless one is given, the SDK's span limit stays the
   * specification's default (unlimited): Observa's API cuts its own values (one length check where it redacts) and the
   * SDK does not check every attribute put again; log records keep the default limit, set on the logger provider.
   */
  static int maxAttributeLength(ConfigProperties config) {
    return maxAttributeLength(config.getInt(SPAN_LENGTH_LIMIT), config.getInt(GENERAL_LENGTH_LIMIT));
  }

  /**
   * {@link #maxAttributeLength(ConfigProperties)} for an application's own SDK, which Observa's autoconfigure does
   * not build: the same two settings, read as autoconfigure reads them (the {@code otel.*} system property, else the
   * {@code OTEL_*} variable).
   *
   * @return the longest string attribute value Observa's span API keeps
   * @throws IllegalArgumentException naming the setting, for a value that is not a whole number {@code >= 0}
   */
  public static int maxAttributeLengthFromEnvironment() {
    return maxAttributeLength(whole(SPAN_LENGTH_LIMIT), whole(GENERAL_LENGTH_LIMIT));
  }

  private static int maxAttributeLength(Integer span, Integer general) {
    return span != null ? span : general != null ? general : DEFAULT_LENGTH_LIMIT;
  }

  private static Integer whole(String property) {
    String value = OtelEnvironment.get(property);
    if (value == null) {
      return null;
    }
    try {
      int whole = Integer.parseInt(value);
      if (whole >= 0) {
        return whole;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_') + " (" + property
        + ") is '" + value + "': it must be a whole number >= 0");
  }

  static String value(Plan plan, Setting setting) {
    return plan.settings().getOrDefault(setting, setting.defaultValue());
  }

  private static Sampler sampler(Plan plan, Sampler configured) {
    Sampler sampler = plan.sampler() != null ? plan.sampler() : configured;
    return plan.inbound() != null ? InboundSampler.wrap(sampler, plan.inbound()) : sampler;
  }

  /**
   * Autoconfigure calls the customizer once per name in {@code otel.propagators} and composes the distinct
   * results: for names Observa makes, every call returns the one propagator made for all the names, so the
   * composite collapses to it and each header is written and parsed once (not once per name).
   */
  private static TextMapPropagator propagator(ConfigProperties config, ObservaSettings settings,
      TextMapPropagator configured, AtomicReference<TextMapPropagator> ours) {
    List<String> names = config.getList("otel.propagators", List.of("tracecontext", "baggage"));
    if (TracingSettings.PROPAGATOR_NAMES.containsAll(names)) {
      TextMapPropagator made = ours.get();
      if (made == null) {
        made = Propagators.create(names, settings.declaredKeys());
        ours.set(made);
      }
      return made;
    }
    // names an SPI of the classpath provides (e.g. xray) keep the SDK's composite, held to the declared baggage
    return Propagators.declaredOnly(configured, settings.declaredKeys());
  }

  private static SdkTracerProviderBuilder processors(SdkTracerProviderBuilder builder, ConfigProperties config,
      Plan plan, SpanCounters counters, AtomicReference<RecentTraces> recentHolder, AtomicBoolean feeding,
      MeterProvider selfMeters) {
    boolean exporting = !exporterNames(config, plan).isEmpty();
    RecentTraces recent = recentTraces(plan, exporting);
    recentHolder.set(recent);
    int queueSize = config.getInt("otel.bsp.max.queue.size", 2048);
    List<SpanExporter> exporters = new ArrayList<>(plan.exporters());
    if (plan.tenantRouting() != null) {
      exporters.add(plan.tenantRouting().get());
    }
    List<SpanProcessor> batches = new ArrayList<>();
    for (SpanExporter exporter : exporters) {
      BatchSpanProcessorBuilder batch = BatchSpanProcessor.builder(counters.counting(exporter,
          storeFeed(feeding, recentHolder))).setMaxQueueSize(queueSize).setMeterProvider(selfMeters);
      batchSettings(batch, config);
      batches.add(batch.build());
    }
    // with an exporter, one exporter's batches feed the store on the batch worker: nothing on the request thread
    return builder.addSpanProcessor(new SpanPipeline(counters, recent, plan.processors(), batches));
  }

  /**
   * The {@code otel.bsp.*} settings autoconfigure applies to the batch processors it makes, applied to Observa's
   * (the queue size is read above); malformed values fail as autoconfigure's do, naming the property.
   */
  private static void batchSettings(BatchSpanProcessorBuilder batch, ConfigProperties config) {
    Duration delay = config.getDuration("otel.bsp.schedule.delay");
    if (delay != null) {
      batch.setScheduleDelay(delay);
    }
    Integer size = config.getInt("otel.bsp.max.export.batch.size");
    if (size != null) {
      batch.setMaxExportBatchSize(size);
    }
    Duration timeout = config.getDuration("otel.bsp.export.timeout");
    if (timeout != null) {
      batch.setExporterTimeout(timeout);
    }
  }

  /**
   * @return for the first exporter wrapped, the store (once made) to feed with the spans it is given; for the
   *     others nothing, as every exporter gets the same spans
   */
  private static Supplier<RecentTraces> storeFeed(AtomicBoolean feeding, AtomicReference<RecentTraces> recentHolder) {
    return feeding.compareAndSet(false, true) ? recentHolder::get : () -> null;
  }

  /**
   * The recent-trace store: every trace while spans go nowhere else; with an exporter, {@linkplain
   * RecentTraces.Builder#fedByExports fed by exports}: a sample (unless a ratio is set) of the spans one exporter is
   * given, on its batch worker. A ratio that is set is kept as set.
   */
  private static RecentTraces recentTraces(Plan plan, boolean exporting) {
    String ratio = plan.settings().get(TracingSettings.RECENT_TRACES_SAMPLE_RATIO);
    RecentTraces.Builder builder = RecentTraces.builder()
        .maxTraces(Integer.parseInt(value(plan, TracingSettings.RECENT_TRACES)))
        .maxBytes(Long.parseLong(value(plan, TracingSettings.RECENT_TRACES_MAX_BYTES)));
    if (ratio != null) {
      builder.sampleRatio(Double.parseDouble(ratio));
    }
    return (exporting ? builder.fedByExports() : builder).build();
  }

  private static List<String> exporterNames(ConfigProperties config, Plan plan) {
    List<String> names = new ArrayList<>();
    plan.exporters().forEach(exporter -> names.add(exporter.getClass().getSimpleName()));
    if (plan.tenantRouting() != null) {
      names.add("TenantRoutingSpanExporter");
    }
    names.addAll(config.getList("otel.traces.exporter", List.of("otlp")));
    names.removeIf("none"::equals);
    return List.copyOf(names);
  }

  private static String message(RuntimeException e) {
    String message = e.getMessage();
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().equals(message)) {
        message = message + ": " + cause.getMessage();
      }
    }
    return message;
  }
}
