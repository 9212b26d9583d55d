package dev.observa.tracing.internal;

import dev.observa.spi.TracingBackend;
import dev.observa.tracing.TracingDescription;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;

/** Spans through an OpenTelemetry instance the application owns; closing leaves it running. */
public final class ExistingOpenTelemetryBackend implements TracingBackend {
  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;

  /** @param openTelemetry the application's instance */
  public ExistingOpenTelemetryBackend(OpenTelemetry openTelemetry) {
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer("dev.observa");
  }

  @Override
  public Tracer tracer() {
    return tracer;
  }

  @Override
  public TextMapPropagator propagator() {
    return openTelemetry.getPropagators().getTextMapPropagator();
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type == TracingDescription.class) {
      return type.cast(new TracingDescription(List.of("(the application's OpenTelemetry)"),
          List.copyOf(propagator().fields()), "(the application's OpenTelemetry)", false));
    }
    return type.isInstance(openTelemetry) ? type.cast(openTelemetry) : TracingBackend.super.unwrap(type);
  }
}
