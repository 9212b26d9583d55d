package dev.observa.tracing.internal;

import dev.observa.meter.Instruments;
import dev.observa.spi.Diagnostics;
import dev.observa.spi.TracingBackend;
import dev.observa.tracing.RecentTraces;
import dev.observa.tracing.InboundSampling;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.concurrent.TimeUnit;

/**
 * An OpenTelemetry SDK instance seen through the tracing SPI. Flushes and shuts down within a bounded
 * time on {@link #close()} and, until then, at JVM exit.
 */
public final class OtelTracingBackend implements TracingBackend {
  private final OpenTelemetrySdk sdk;
  private final RecentTraces recentTraces;
  private final SpanCounters counters;
  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final long shutdownMillis;
  private final Thread shutdownHook;
  private final dev.observa.tracing.TracingDescription description;
  private final TrustedCallers trustedCallers;
  private final int maxAttributeLength;
  private volatile boolean closed;

  /**
   * @param sdk the SDK, owned by this backend
   * @param tracer the tracer spans start with (a no-op one when the SDK is disabled)
   * @param propagator the propagator (Observa's, also when the SDK is disabled)
   * @param recentTraces the in-memory store fed by the SDK
   * @param counters the self-metric counts
   * @param shutdownMillis the bound on flush and shutdown
   * @param description what the backend is wired to
   * @param trustedCallers the networks whose callers' sampled flags are honoured whatever the inbound policy
   * @param maxAttributeLength the longest string attribute value Observa's span API keeps
   */
  public OtelTracingBackend(OpenTelemetrySdk sdk, Tracer tracer, TextMapPropagator propagator, RecentTraces recentTraces, SpanCounters counters,
      long shutdownMillis, dev.observa.tracing.TracingDescription description,
      TrustedCallers trustedCallers, int maxAttributeLength) {
    this.maxAttributeLength = maxAttributeLength;
    this.description = description;
    this.trustedCallers = trustedCallers;
    this.sdk = sdk;
    this.recentTraces = recentTraces;
    this.counters = counters;
    this.tracer = tracer;
    this.propagator = propagator;
    this.shutdownMillis = shutdownMillis;
    this.shutdownHook = new Thread(this::shutdown, "observa-tracing-shutdown");
    try {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the JVM is exiting; close() still works
    }
  }

  @Override
  public int maxAttributeLength() {
    return maxAttributeLength;
  }

  @Override
  public Tracer tracer() {
    return tracer;
  }

  @Override
  public Context markCaller(Context extracted, String remoteAddress) {
    try {
      return trustedCallers.contains(remoteAddress) ? InboundSampling.trustedCaller(extracted)
          : InboundSampling.untrustedCaller(extracted);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return extracted;
    }
  }

  @Override
  public TextMapPropagator propagator() {
    return propagator;
  }

  @Override
  public void bindSelfMetrics(Instruments instruments) {
    instruments.counter("observa.spans.started").description("Spans started").observe(counters::started);
    instruments.counter("observa.spans.ended").description("Spans ended").observe(counters::ended);
    instruments.counter("observa.spans.exported").description("Spans accepted by an exporter").observe(counters::exported);
    instruments.counter("observa.spans.dropped").description("Spans not exported, by reason").tag("reason", "queue_full")
        .observe(counters::droppedQueueFull);
    instruments.counter("observa.spans.dropped").description("Spans not exported, by reason").tag("reason", "export_failed")
        .observe(counters::exportFailed);
  }

  /**
   * @return spans lost by reason: {@code queue_full} and {@code export_failed} (export), and the recent-trace
   *     store's {@code recent_*} counts (see {@link RecentTraces#dropSummary()})
   */
  @Override
  public java.util.Map<String, Long> dropSummary() {
    java.util.Map<String, Long> summary = new java.util.LinkedHashMap<>();
    try {
      summary.put("queue_full", counters.droppedQueueFull());
      summary.put("export_failed", counters.exportFailed());
      recentTraces.dropSummary().forEach((reason, count) -> summary.put("recent_" + reason, count));
    } catch (RuntimeException e) {
      Diagnostics.warn("tracing.summary", "span drop counts unavailable: " + Diagnostics.describe(e));
    }
    return summary;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(recentTraces)) {
      return type.cast(recentTraces);
    }
    if (type.isInstance(description)) {
      return type.cast(description);
    }
    if (type.isInstance(counters)) {
      return type.cast(counters);
    }
    return type.isInstance(sdk) ? type.cast(sdk) : TracingBackend.super.unwrap(type);
  }

  @Override
  public void close() {
    shutdown();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or ran
    }
  }

  private void shutdown() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      sdk.shutdown().join(shutdownMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException | LinkageError e) {
      Diagnostics.warn("tracing.shutdown", "tracer shutdown failed: " + e);
    }
  }
}
