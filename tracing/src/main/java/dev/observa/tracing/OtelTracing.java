package dev.observa.tracing;

import dev.observa.spi.ObservaSettings;
import dev.observa.spi.TracingBackend;
import dev.observa.spi.TracingProvider;
import dev.observa.tracing.internal.DeclaredBaggagePropagator;
import dev.observa.tracing.internal.OtelTracingBackend;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tracing on the OpenTelemetry SDK. Spans are always recorded into {@link RecentTraces} (the embedded
 * default), so they are real and carry valid ids even with no exporter; exporters added here receive
 * them through a bounded {@link BatchSpanProcessor} that drops rather than blocks.
 *
 * <pre>{@code
 * Observa obs = Observa.builder()
 *     .tracing(OtelTracing.builder().exporter(OtlpHttpSpanExporter.getDefault()).build())
 *     .build();
 * }</pre>
 *
 * <p>Propagation defaults to W3C trace-context plus W3C baggage limited to keys declared with
 * {@code Route.PROPAGATE}.
 *
 * @since 0.1.0
 */
public final class OtelTracing implements TracingProvider {
  private final Sampler sampler;
  private final List<SpanExporter> exporters;
  private final int recentTraces;
  private final int maxAttributeLength;
  private final Duration shutdownTimeout;

  private OtelTracing(Builder builder) {
    this.sampler = builder.sampler;
    this.exporters = List.copyOf(builder.exporters);
    this.recentTraces = builder.recentTraces;
    this.maxAttributeLength = builder.maxAttributeLength;
    this.shutdownTimeout = builder.shutdownTimeout;
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return tracing with the defaults: always-on sampling (parent-based), no exporter, 100 recent traces */
  public static OtelTracing create() {
    return builder().build();
  }

  @Override
  public TracingBackend create(ObservaSettings settings) {
    RecentTraces recent = new RecentTraces(recentTraces, 1000);
    SdkTracerProviderBuilder provider = SdkTracerProvider.builder()
        .setResource(Resource.getDefault().merge(Resource.create(resourceAttributes(settings))))
        .setSampler(sampler)
        .setSpanLimits(SpanLimits.builder().setMaxAttributeValueLength(maxAttributeLength).build())
        .addSpanProcessor(recent);
    for (SpanExporter exporter : exporters) {
      provider.addSpanProcessor(BatchSpanProcessor.builder(exporter).setMaxQueueSize(2048).build());
    }
    TextMapPropagator propagator = TextMapPropagator.composite(
        W3CTraceContextPropagator.getInstance(), new DeclaredBaggagePropagator(settings.declaredKeys()));
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(provider.build())
        .setPropagators(ContextPropagators.create(propagator))
        .build();
    return new OtelTracingBackend(sdk, recent, shutdownTimeout.toMillis());
  }

  private static Attributes resourceAttributes(ObservaSettings settings) {
    AttributesBuilder attributes = Attributes.builder()
        .put(AttributeKey.stringKey("service.name"), settings.serviceName())
        .put(AttributeKey.stringKey("service.instance.id"), settings.instanceId());
    if (settings.serviceVersion() != null) {
      attributes.put(AttributeKey.stringKey("service.version"), settings.serviceVersion());
    }
    if (settings.environment() != null) {
      attributes.put(AttributeKey.stringKey("deployment.environment.name"), settings.environment());
    }
    return attributes.build();
  }

  /** Builds {@link OtelTracing}. Not thread-safe. */
  public static final class Builder {
    private Sampler sampler = Sampler.parentBased(Sampler.alwaysOn());
    private final List<SpanExporter> exporters = new ArrayList<>();
    private int recentTraces = 100;
    private int maxAttributeLength = 4096;
    private Duration shutdownTimeout = Duration.ofSeconds(5);

    private Builder() {}

    /**
     * @param sampler the sampler; default parent-based always-on
     * @return this
     */
    public Builder sampler(Sampler sampler) {
      this.sampler = Objects.requireNonNull(sampler, "sampler");
      return this;
    }

    /**
     * @param exporter an exporter, fed through a bounded batch processor
     * @return this
     */
    public Builder exporter(SpanExporter exporter) {
      exporters.add(Objects.requireNonNull(exporter, "exporter"));
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
     * @param timeout the bound on flush and shutdown when closing; default 5 s
     * @return this
     */
    public Builder shutdownTimeout(Duration timeout) {
      if (timeout == null || timeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout is " + timeout + ": it must be zero or positive");
      }
      this.shutdownTimeout = timeout;
      return this;
    }

    /** @return the provider */
    public OtelTracing build() {
      return new OtelTracing(this);
    }
  }
}
