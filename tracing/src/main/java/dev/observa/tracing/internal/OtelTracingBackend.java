package dev.observa.tracing.internal;

import dev.observa.spi.Diagnostics;
import dev.observa.spi.TracingBackend;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.concurrent.TimeUnit;

/** An OpenTelemetry SDK instance seen through the tracing SPI. */
public final class OtelTracingBackend implements TracingBackend {
  private final OpenTelemetrySdk sdk;
  private final RecentTraces recentTraces;
  private final Tracer tracer;
  private final long shutdownMillis;

  /**
   * @param sdk the SDK, owned by this backend
   * @param recentTraces the in-memory store fed by the SDK
   * @param shutdownMillis the bound on flush and shutdown
   */
  public OtelTracingBackend(OpenTelemetrySdk sdk, RecentTraces recentTraces, long shutdownMillis) {
    this.sdk = sdk;
    this.recentTraces = recentTraces;
    this.tracer = sdk.getTracer("dev.observa");
    this.shutdownMillis = shutdownMillis;
  }

  @Override
  public Tracer tracer() {
    return tracer;
  }

  @Override
  public TextMapPropagator propagator() {
    return sdk.getPropagators().getTextMapPropagator();
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(recentTraces)) {
      return type.cast(recentTraces);
    }
    return type.isInstance(sdk) ? type.cast(sdk) : TracingBackend.super.unwrap(type);
  }

  @Override
  public void close() {
    try {
      sdk.getSdkTracerProvider().shutdown().join(shutdownMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      Diagnostics.warn("tracing.shutdown", "tracer shutdown failed: " + e);
    }
  }
}
