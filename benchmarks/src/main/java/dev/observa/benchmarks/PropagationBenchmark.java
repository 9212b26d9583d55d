package dev.observa.benchmarks;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.DeclaredKey;
import dev.observa.context.Route;
import dev.observa.tracing.OtelTracing;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Scenario 5: inject then extract W3C {@code traceparent} + {@code baggage} through a {@code HashMap}. */
@State(org.openjdk.jmh.annotations.Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PropagationBenchmark {
  private Observa observa;
  private TextMapPropagator observaPropagator;
  private final TextMapPropagator otel = TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
      W3CBaggagePropagator.getInstance());
  private Context context;
  private Map<String, String> inbound;

  @Setup
  public void setUp() {
    observa = Observa.builder().noDiscovery()
        .declare(DeclaredKey.builder("greeting").routes(Route.PROPAGATE).build())
        .tracing(OtelTracing.builder().build()).build();
    observaPropagator = observa.propagator();
    context = Context.root().with(Span.wrap(SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getSampled(), TraceState.getDefault()))).with(Baggage.builder().put("greeting", "Bonjour").build());
    inbound = new HashMap<>();
    otel.inject(context, inbound, Carriers.mapSetter());
  }

  @TearDown
  public void tearDown() {
    observa.close();
  }

  @Benchmark
  public Context observa() {
    Map<String, String> headers = new HashMap<>(4);
    observaPropagator.inject(context, headers, Carriers.mapSetter());
    return observaPropagator.extract(Context.root(), headers, Carriers.mapGetter());
  }

  @Benchmark
  public Context openTelemetryW3c() {
    Map<String, String> headers = new HashMap<>(4);
    otel.inject(context, headers, Carriers.mapSetter());
    return otel.extract(Context.root(), headers, Carriers.mapGetter());
  }


  @Benchmark
  public Map<String, String> observaInjectOnly() {
    Map<String, String> headers = new HashMap<>(4);
    observaPropagator.inject(context, headers, Carriers.mapSetter());
    return headers;
  }

  @Benchmark
  public Map<String, String> openTelemetryInjectOnly() {
    Map<String, String> headers = new HashMap<>(4);
    otel.inject(context, headers, Carriers.mapSetter());
    return headers;
  }

  @Benchmark
  public Context observaExtractOnly() {
    return observaPropagator.extract(Context.root(), inbound, Carriers.mapGetter());
  }

  @Benchmark
  public Context openTelemetryExtractOnly() {
    return otel.extract(Context.root(), inbound, Carriers.mapGetter());
  }

  @Benchmark
  public Map<String, String> floorHashMapTwoPutsTwoGets() {
    Map<String, String> headers = new HashMap<>(4);
    headers.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    headers.put("baggage", "greeting=Bonjour");
    headers.get("traceparent");
    headers.get("baggage");
    return headers;
  }
}
