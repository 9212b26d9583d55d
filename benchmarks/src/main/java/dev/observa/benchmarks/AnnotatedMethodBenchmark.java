package dev.observa.benchmarks;

import dev.observa.Observa;
import dev.observa.annotation.Observe;
import dev.observa.metrics.PrometheusMetrics;
import dev.observa.spring.ObservaProperties;
import dev.observa.spring.ObserveAspect;
import dev.observa.tracing.OtelTracing;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.annotation.Observed;
import io.micrometer.observation.aop.ObservedAspect;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

/**
 * Scenario 9: a Spring-proxied bean method observed for golden signals and a span. Observa's
 * {@code @Observe} with {@link ObserveAspect} (Prometheus metrics, OpenTelemetry SDK tracing) against
 * Micrometer's {@code @Observed} with {@link ObservedAspect} and its two standard handlers (metrics into a
 * {@code PrometheusMeterRegistry}, tracing through the OpenTelemetry bridge onto an SDK with the same
 * no-op exporter), and the bare method. Overhead = proxied − bare, compared between the two.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AnnotatedMethodBenchmark {
  /** The bean Observa observes. */
  public static class OrderService {
    @Observe("orders.place")
    public int place(int quantity) {
      return quantity * 2;
    }
  }

  /** The same bean for Micrometer. */
  public static class MicrometerOrderService {
    @Observed(name = "orders.place")
    public int place(int quantity) {
      return quantity * 2;
    }
  }

  private Observa observa;
  private OrderService observed;
  private MicrometerOrderService micrometerObserved;
  private final OrderService bare = new OrderService();
  private PrometheusMeterRegistry meterRegistry;
  private SdkTracerProvider tracerProvider;
  private int quantity = 1;

  @Setup
  public void setUp() {
    observa = Observa.builder().noDiscovery().metrics(PrometheusMetrics.create())
        .tracing(OtelTracing.builder().build()).build();
    AspectJProxyFactory ours = new AspectJProxyFactory(new OrderService());
    ours.setProxyTargetClass(true);
    ours.addAspect(new ObserveAspect(observa, new ObservaProperties.Metrics()));
    observed = ours.getProxy();

    meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    tracerProvider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(SpanExporter.composite()))
        .build();
    OtelTracer tracer = new OtelTracer(tracerProvider.get("bench"), new OtelCurrentTraceContext(), event -> {});
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry))
        .observationHandler(new DefaultTracingObservationHandler(tracer));
    AspectJProxyFactory theirs = new AspectJProxyFactory(new MicrometerOrderService());
    theirs.setProxyTargetClass(true);
    theirs.addAspect(new ObservedAspect(observations));
    micrometerObserved = theirs.getProxy();
  }

  @TearDown
  public void tearDown() {
    observa.close();
    meterRegistry.close();
    tracerProvider.close();
  }

  private int nextQuantity() {
    quantity = quantity == 9 ? 1 : quantity + 1;
    return quantity;
  }

  @Benchmark
  public int observaObserve() {
    return observed.place(nextQuantity());
  }

  @Benchmark
  public int micrometerObservedAspect() {
    return micrometerObserved.place(nextQuantity());
  }

  @Benchmark
  public int bareMethod() {
    return bare.place(nextQuantity());
  }
}
