package dev.observa.tracing.internal;

import dev.observa.context.DeclaredKeys;
import dev.observa.spi.TracingBackend;
import dev.observa.tracing.RecentTraces;
import dev.observa.tracing.SpanCounting;
import dev.observa.tracing.SpanStats;
import dev.observa.tracing.TracingDescription;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.List;

/**
 * Spans through an OpenTelemetry instance the application owns; closing leaves it running. Its propagator is
 * held to the declared-baggage rules ({@link Propagators#declaredOnly}): only baggage declared
 * {@code PROPAGATE} leaves, whatever the application's propagator would send.
 */
public final class ExistingOpenTelemetryBackend implements TracingBackend {
  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final RecentTraces recentTraces;
  private final SpanCounting counting;
  private final int maxAttributeLength;

  /**
   * With no declared keys: no baggage is sent. Prefer {@link #ExistingOpenTelemetryBackend(OpenTelemetry,
   * DeclaredKeys)}.
   *
   * @param openTelemetry the application's instance
   */
  public ExistingOpenTelemetryBackend(OpenTelemetry openTelemetry) {
    this(openTelemetry, DeclaredKeys.defaults());
  }

  /**
   * @param openTelemetry the application's instance
   * @param keys the declared context keys ({@code ObservaSettings.declaredKeys()})
   */
  public ExistingOpenTelemetryBackend(OpenTelemetry openTelemetry, DeclaredKeys keys) {
    this(openTelemetry, keys, null);
  }

  /**
   * @param openTelemetry the application's instance
   * @param keys the declared context keys ({@code ObservaSettings.declaredKeys()})
   * @param recentTraces the store the application's SDK feeds (a span processor it was built with), or null
   */
  public ExistingOpenTelemetryBackend(OpenTelemetry openTelemetry, DeclaredKeys keys, RecentTraces recentTraces) {
    this(openTelemetry, keys, recentTraces, null);
  }

  /**
   * @param openTelemetry the application's instance
   * @param keys the declared context keys ({@code ObservaSettings.declaredKeys()})
   * @param recentTraces the store the application's SDK feeds (a span processor it was built with), or null
   * @param counting the counters the application's SDK feeds (a span processor, its exporters wrapped), or null
   */
  public ExistingOpenTelemetryBackend(OpenTelemetry openTelemetry, DeclaredKeys keys, RecentTraces recentTraces,
      SpanCounting counting) {
    this(openTelemetry, keys, recentTraces, counting, AutoConfiguredTracing.maxAttributeLengthFromEnvironment());
  }

  /**
   * @param openTelemetry the application's instance
   * @param keys the declared context keys ({@code ObservaSettings.declaredKeys()})
   * @param recentTraces the store the application's SDK feeds (a span processor it was built with), or null
   * @param counting the counters the application's SDK feeds (a span processor, its exporters wrapped), or null
   * @param maxAttributeLength the longest string attribute value Observa's span API keeps ({@code >= 0}); the
   *     application's SDK applies its own limit on top
   */
  public ExistingOpenTelemetryBackend(OpenTelemetry openTelemetry, DeclaredKeys keys, RecentTraces recentTraces,
      SpanCounting counting, int maxAttributeLength) {
    if (maxAttributeLength < 0) {
      throw new IllegalArgumentException("maxAttributeLength is " + maxAttributeLength + ": it must be >= 0");
    }
    this.maxAttributeLength = maxAttributeLength;
    this.recentTraces = recentTraces;
    this.counting = counting;
    this.openTelemetry = openTelemetry;
    this.tracer = openTelemetry.getTracer("dev.observa");
    this.propagator = Propagators.declaredOnly(openTelemetry.getPropagators().getTextMapPropagator(), keys);
  }

  @Override
  public Tracer tracer() {
    return tracer;
  }

  @Override
  public TextMapPropagator propagator() {
    return propagator;
  }

  @Override
  public int maxAttributeLength() {
    return maxAttributeLength;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type == TracingDescription.class) {
      List<String> exporters = counting == null || counting.exporters().isEmpty()
          ? List.of("(the application's OpenTelemetry)") : counting.exporters();
      return type.cast(new TracingDescription(exporters,
          List.copyOf(propagator().fields()), "(the application's OpenTelemetry)", false));
    }
    if (counting != null && type == SpanStats.class) {
      return type.cast(counting);
    }
    if (recentTraces != null && type.isInstance(recentTraces)) {
      return type.cast(recentTraces);
    }
    return type.isInstance(openTelemetry) ? type.cast(openTelemetry) : TracingBackend.super.unwrap(type);
  }
}
