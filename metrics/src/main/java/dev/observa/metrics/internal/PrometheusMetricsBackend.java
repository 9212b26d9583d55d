package dev.observa.metrics.internal;

import dev.observa.meter.Counter;
import dev.observa.meter.Gauge;
import dev.observa.meter.Histogram;
import dev.observa.meter.Quantile;
import dev.observa.meter.Summary;
import dev.observa.meter.Timer;
import dev.observa.spi.Diagnostics;
import dev.observa.spi.MeterDescriptor;
import dev.observa.spi.MetricsBackend;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.MetricWithFixedMetadata;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Creates instruments as prometheus-metrics families in a {@link PrometheusRegistry}, one family per
 * exported name, one data point per tag combination. The registry may be shared with Micrometer's
 * {@code PrometheusMeterRegistry}, so one scrape shows both.
 */
public class PrometheusMetricsBackend implements MetricsBackend {
  private final PrometheusRegistry registry;
  private final Map<String, MetricWithFixedMetadata> families = new ConcurrentHashMap<>();
  private final Map<String, List<ObservedSeries>> observed = new ConcurrentHashMap<>();

  /** @param registry where the families are registered */
  public PrometheusMetricsBackend(PrometheusRegistry registry) {
    this.registry = registry;
  }

  private static String[] labelNames(MeterDescriptor d) {
    return d.tags().keySet().stream().map(PrometheusNames::labelName).toArray(String[]::new);
  }

  private static String[] labelValues(MeterDescriptor d) {
    return d.tags().values().toArray(String[]::new);
  }

  @SuppressWarnings("unchecked")
  private <M extends MetricWithFixedMetadata> M family(MeterDescriptor d, Function<String, M> create) {
    String name = PrometheusNames.metricName(d);
    return (M) families.computeIfAbsent(name, n -> {
      M metric = create.apply(n);
      registry.register(metric);
      return metric;
    });
  }

  private static <B extends MetricWithFixedMetadata.Builder<B, ?>> B describe(B builder, String name, MeterDescriptor d) {
    builder.name(name).help(d.description()).labelNames(labelNames(d));
    if (d.baseUnit() != null) {
      builder.unit(new Unit(d.baseUnit()));
    }
    return builder;
  }

  @Override
  public Counter counter(MeterDescriptor d) {
    io.prometheus.metrics.core.metrics.Counter family = family(d, name ->
        describe(io.prometheus.metrics.core.metrics.Counter.builder(), name, d).build());
    return new Instruments.PromCounter(family.labelValues(labelValues(d)), d.name());
  }

  @Override
  public Gauge gauge(MeterDescriptor d) {
    io.prometheus.metrics.core.metrics.Gauge family = family(d, name ->
        describe(io.prometheus.metrics.core.metrics.Gauge.builder(), name, d).withoutExemplars().build());
    return new Instruments.PromGauge(family.labelValues(labelValues(d)));
  }

  @Override
  public void observe(MeterDescriptor d, DoubleSupplier supplier) {
    String[] values = labelValues(d);
    List<ObservedSeries> series = observed.computeIfAbsent(PrometheusNames.metricName(d), name -> {
      List<ObservedSeries> list = new CopyOnWriteArrayList<>();
      family(d, n -> describe(GaugeWithCallback.builder(), n, d).callback(callback -> {
        for (ObservedSeries s : list) {
          callback.call(s.read(), s.labelValues());
        }
      }).build());
      return list;
    });
    synchronized (series) {
      if (series.stream().noneMatch(s -> Arrays.equals(s.labelValues(), values))) {
        series.add(new ObservedSeries(d.name(), values, supplier));
      }
    }
  }

  /** One tag combination of a callback gauge; the first registration of it wins. */
  private record ObservedSeries(String meter, String[] labelValues, DoubleSupplier supplier) {
    double read() {
      try {
        return supplier.getAsDouble();
      } catch (RuntimeException e) {
        Diagnostics.warn("gauge.callback", "gauge '" + meter + "' callback failed, reporting NaN: " + e);
        return Double.NaN;
      }
    }
  }

  @Override
  public Histogram histogram(MeterDescriptor d) {
    io.prometheus.metrics.core.metrics.Histogram family = family(d, name ->
        describe(io.prometheus.metrics.core.metrics.Histogram.builder(), name, d)
            .classicOnly().classicUpperBounds(d.bucketArray()).build());
    return new Instruments.PromDistribution(family.labelValues(labelValues(d)), d.name());
  }

  @Override
  public Summary summary(MeterDescriptor d) {
    io.prometheus.metrics.core.metrics.Summary family = family(d, name -> {
      io.prometheus.metrics.core.metrics.Summary.Builder builder =
          describe(io.prometheus.metrics.core.metrics.Summary.builder(), name, d)
              .maxAgeSeconds(Math.max(1, d.maxAge().toSeconds()))
              .numberOfAgeBuckets(d.ageBuckets());
      for (Quantile q : d.quantiles()) {
        builder.quantile(q.quantile(), q.error());
      }
      return builder.build();
    });
    return new Instruments.PromDistribution(family.labelValues(labelValues(d)), d.name());
  }

  @Override
  public Timer timer(MeterDescriptor d) {
    io.prometheus.metrics.core.metrics.Histogram family = family(d, name ->
        describe(io.prometheus.metrics.core.metrics.Histogram.builder(), name, d)
            .classicOnly().classicUpperBounds(d.bucketArray()).build());
    return new Instruments.PromTimer(family.labelValues(labelValues(d)), d.name());
  }

  @Override
  public void close() {
    families.values().forEach(registry::unregister);
    families.clear();
  }
}
