package dev.observa.spi;

import dev.observa.meter.Instruments;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * The tracer and propagator of one {@code Observa} instance. Implemented by the {@code observa-tracing}
 * module (OpenTelemetry SDK) and by the no-op default (OpenTelemetry's no-op tracer, which still carries
 * a parent's span context).
 *
 * @since 0.1.0
 */
public interface TracingBackend extends AutoCloseable {
  /** @return the tracer spans are started with */
  Tracer tracer();

  /** @return the propagator used for inject and extract */
  TextMapPropagator propagator();

  /**
   * @return the longest string attribute value Observa's span API keeps (longer ones are cut before they reach
   *     the tracer); the default is {@link dev.observa.trace.SpanBuilder#DEFAULT_MAX_ATTRIBUTE_LENGTH}
   * @since 0.1.0
   */
  default int maxAttributeLength() {
    return dev.observa.trace.SpanBuilder.DEFAULT_MAX_ATTRIBUTE_LENGTH;
  }

  /**
   * Applies the inbound trust policy to a context just extracted from a server request: marks it when the
   * connection's peer is a trusted caller, so that the sampler honours its {@code sampled} flag. The decision
   * is a function of the peer address alone; headers are never consulted. Never throws.
   *
   * <pre>{@code
   * Context remote = backend.markCaller(backend.propagator().extract(Context.current(), carrier, getter), "10.0.3.7");
   * }</pre>
   *
   * @param extracted the extracted context
   * @param remoteAddress the IP literal of the connection's peer, or null when unknown (untrusted)
   * @return the context, marked when the caller is trusted; the default returns it unchanged
   * @since 0.1.0
   */
  default io.opentelemetry.context.Context markCaller(io.opentelemetry.context.Context extracted,
      String remoteAddress) {
    return extracted;
  }

  /**
   * Gives access to implementation objects, such as the Prometheus exposition of the metrics module or
   * the recent-trace store of the tracing module.
   *
   * @param type the wanted type
   * @param <T> the type
   * @return an object of that type this backend owns, or null
   */
  default <T> T unwrap(Class<T> type) {
    return type.isInstance(this) ? type.cast(this) : null;
  }

  /**
   * Registers the backend's self-metrics (spans started, ended, exported, dropped) with the instruments of
   * the facade that owns it; called once, right after the facade is built.
   *
   * @param instruments the owning facade's instrument builders
   */
  default void bindSelfMetrics(Instruments instruments) {}

  /**
   * What this backend lost since it started, by reason, for diagnostics and the one summary line logged at
   * close (e.g. {@code series_overflow}, {@code queue_full}). Never throws.
   *
   * <pre>{@code
   * Map<String, Long> lost = backend.dropSummary(); // {queue_full=0, export_failed=12, ...}
   * }</pre>
   *
   * @return counts by reason; empty when nothing is counted
   * @since 0.1.0
   */
  default java.util.Map<String, Long> dropSummary() {
    return java.util.Map.of();
  }

  /** Flushes and releases resources within a bounded time; never throws. */
  @Override
  default void close() {}
}
