package dev.observa.internal;

import dev.observa.spi.TracingBackend;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * OpenTelemetry's no-op tracer: spans record nothing but carry their parent's span context, so a
 * library on {@code observa-core} alone keeps an incoming trace intact.
 */
public final class NoopTracingBackend implements TracingBackend {
  /** The instance. */
  public static final NoopTracingBackend INSTANCE = new NoopTracingBackend();

  private final Tracer tracer = OpenTelemetry.noop().getTracer("dev.observa");

  private NoopTracingBackend() {}

  @Override
  public Tracer tracer() {
    return tracer;
  }

  @Override
  public TextMapPropagator propagator() {
    return TextMapPropagator.noop();
  }
}
