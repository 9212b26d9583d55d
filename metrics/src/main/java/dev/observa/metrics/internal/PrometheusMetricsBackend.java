package dev.observa.metrics.internal;

import dev.observa.meter.Counter;
import dev.observa.meter.CounterFamily;
import dev.observa.meter.Gauge;
import dev.observa.meter.Histogram;
import dev.observa.meter.NativeBuckets;
import dev.observa.meter.Quantile;
import dev.observa.meter.Summary;
import dev.observa.meter.Timer;
import dev.observa.spi.Diagnostics;
import dev.observa.spi.MeterDescriptor;
import dev.observa.spi.MetricsBackend;
import dev.observa.spi.ObservaSettings;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.MetricWithFixedMetadata;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import java.util.function.Function;

/**
 * Creates instruments as prometheus-metrics families in a {@link PrometheusRegistry}: one guarded
 * family per exported name (with its cardinality budget), one data point per tag combination. Common
 * tags are constant labels; context keys declared as metric tags become labels whose value is read from
 * the current context at record time. The registry may be shared with Micrometer's
 * {@code PrometheusMeterRegistry}, so one scrape shows both.
 */
public class PrometheusMetricsBackend implements MetricsBackend {
  /** The self-metric counting tag combinations folded into an overflow series. */
  public static final String OVERFLOW_METRIC = "observa.metric.overflow";

  private final PrometheusRegistry registry;
  private final Labels commonLabels;
  private final ContextTags contextTags;
  private final ExemplarLabels exemplarLabels;
  private final Map<String, GuardedFamily<?>> families = new ConcurrentHashMap<>();
  private final Map<String, List<ObservedSeries>> observed = new ConcurrentHashMap<>();
  private final List<Collector> registered = new CopyOnWriteArrayList<>();
  private final MeterNameClaims claims;
  private final List<java.util.Set<String>> claimed = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.LongAdder callbackFailures = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder overflows = new java.util.concurrent.atomic.LongAdder();
  private volatile io.prometheus.metrics.core.metrics.Counter overflowCounter;
  private volatile GuardedFamily<?>[] liveFamilies = new GuardedFamily<?>[0];
  private final RejectedValues rejected;

  /**
   * @param registry where the families are registered
   * @param settings routing of context keys to metric tags
   * @param commonTags constant tags on every series
   */
  public PrometheusMetricsBackend(PrometheusRegistry registry, ObservaSettings settings, Map<String, String> commonTags) {
    this(registry, settings, commonTags, new MeterNameClaims());
  }

  /**
   * @param registry where the families are registered
   * @param settings routing of context keys to metric tags
   * @param commonTags constant tags on every series
   * @param claims the names owned in the registry, checked against the Micrometer meters sharing it
   */
  public PrometheusMetricsBackend(PrometheusRegistry registry, ObservaSettings settings, Map<String, String> commonTags,
      MeterNameClaims claims) {
    this.registry = registry;
    this.claims = claims;
    this.contextTags = new ContextTags(settings);
    this.exemplarLabels = new ExemplarLabels(settings);
    Labels labels = Labels.EMPTY;
    for (Map.Entry<String, String> tag : commonTags.entrySet()) {
      labels = labels.add(PrometheusNames.labelName(tag.getKey()), tag.getValue());
    }
    this.commonLabels = labels;
    this.rejected = new RejectedValues(registry, registered::add);
  }

  private String[] labelNames(MeterDescriptor d) {
    String[] own = d.tags().keySet().stream().map(PrometheusNames::labelName).toArray(String[]::new);
    String[] all = Arrays.copyOf(own, own.length + contextTags.labelNames().length);
    System.arraycopy(contextTags.labelNames(), 0, all, own.length, contextTags.labelNames().length);
    for (String name : all) {
      if (commonLabels.contains(name)) {
        throw new IllegalArgumentException("Tag key '" + name + "' of metric '" + d.name()
            + "' is also a common tag: a key may be either, not both");
      }
    }
    return all;
  }

  private static String help(MeterDescriptor d) {
    return d.description().isEmpty() ? d.name() : d.description();
  }

  private <B extends MetricWithFixedMetadata.Builder<B, ?>> B describe(B builder, String name, MeterDescriptor d,
      String... labelNames) {
    // every family gets HELP (promtool's lint demands it): the description, else the name as written
    builder.name(name).help(help(d))
        .labelNames(labelNames).constLabels(commonLabels);
    if (d.baseUnit() != null) {
      builder.unit(new Unit(d.baseUnit()));
    }
    return builder;
  }

  private <D> Instruments.Series<D> series(MeterDescriptor d, Function<String[], SeriesFamily<D>> create) {
    GuardedFamily<D> family = family(d, create);
    String[] base = d.tags().values().toArray(String[]::new);
    if (contextTags.isEmpty()) {
      D point = family.dataPoint(base);
      return () -> point;
    }
    return contextTags.series(family, base, d.maxSeries());
  }

  @SuppressWarnings("unchecked")
  private <D> GuardedFamily<D> family(MeterDescriptor d, Function<String[], SeriesFamily<D>> create) {
    String name = PrometheusNames.metricName(d);
    return (GuardedFamily<D>) families.computeIfAbsent(name, n -> {
      claim(d, n);
      GuardedFamily<D> guarded = new GuardedFamily<>(create.apply(labelNames(d)),
          () -> create.apply(new String[] {GuardedFamily.OVERFLOW_LABEL}), d.maxSeries(), () -> overflowed(d.name()));
      registry.register(guarded);
      registered.add(guarded);
      if (guarded.liveFamily() != null) {
        addLiveFamily(guarded);
      }
      return guarded;
    });
  }

  private void claim(MeterDescriptor d, String prometheusName) {
    String kind = switch (d.type()) {
      case COUNTER -> "counter";
      case GAUGE -> "gauge";
      case SUMMARY -> "summary";
      default -> "histogram";
    };
    claimed.add(claims.claim(d.name(), prometheusName, kind));
  }

  private synchronized void addLiveFamily(GuardedFamily<?> family) {
    GuardedFamily<?>[] grown = Arrays.copyOf(liveFamilies, liveFamilies.length + 1);
    grown[grown.length - 1] = family;
    Arrays.sort(grown, java.util.Comparator.comparing(GuardedFamily::getPrometheusName));
    liveFamilies = grown;
  }

  /**
   * @return the guarded families backed by a {@link LiveFamily}, sorted by name, which
   *     {@link TextExposition} writes from their live series (do not modify)
   */
  GuardedFamily<?>[] liveFamilies() {
    return liveFamilies;
  }

  private void overflowed(String meter) {
    if (overflowCounter == null) {
      synchronized (this) {
        if (overflowCounter == null) {
          claimed.add(claims.claim(OVERFLOW_METRIC, OVERFLOW_METRIC.replace('.', '_'), "counter"));
          io.prometheus.metrics.core.metrics.Counter counter = io.prometheus.metrics.core.metrics.Counter.builder()
              .name(OVERFLOW_METRIC.replace('.', '_'))
              .help("Tag combinations folded into an overflow series because a metric reached its series budget")
              .labelNames("metric").withoutExemplars().build();
          registry.register(counter);
          registered.add(counter);
          overflowCounter = counter;
        }
      }
    }
    overflowCounter.labelValues(meter).inc();
    overflows.increment();
    Diagnostics.warn("metric.overflow." + meter, "metric '" + meter + "' reached its series budget; new tag"
        + " combinations go to the otel_metric_overflow=\"true\" series");
  }

  @Override
  public Counter counter(MeterDescriptor d) {
    if (contextTags.isEmpty()) {
      GuardedFamily<CounterSeries> family = family(d, labels -> liveCounter(d, labels));
      return new Instruments.FixedCounter(family.dataPoint(d.tags().values().toArray(String[]::new)), d.name(),
          rejected);
    }
    Instruments.Series<CounterSeries> series = series(d, labels -> liveCounter(d, labels));
    return new Instruments.PromCounter(series, d.name(), rejected);
  }

  @Override
  public CounterFamily counterFamily(MeterDescriptor d, List<String> tagKeys) {
    MeterDescriptor full = d.withPerCallKeys(tagKeys);
    GuardedFamily<CounterSeries> family = family(full, labels -> liveCounter(full, labels));
    List<String> sortedKeys = new ArrayList<>(full.tags().keySet());
    String[] template = full.tags().values().toArray(String[]::new);
    int[] positions = PromCounterFamily.positions(sortedKeys, tagKeys);
    for (int position : positions) {
      template[position] = null;
    }
    Function<String[], Counter> resolve;
    if (contextTags.isEmpty()) {
      resolve = labelValues -> new Instruments.FixedCounter(family.dataPoint(labelValues), d.name(), rejected);
    } else {
      resolve = labelValues -> new Instruments.PromCounter(
          contextTags.series(family, labelValues, d.maxSeries()), d.name(), rejected);
    }
    return new PromCounterFamily(d.name(), template, positions, resolve, d.maxSeries());
  }

  @Override
  public Gauge gauge(MeterDescriptor d) {
    Instruments.Series<GaugeDataPoint> series = series(d, labels -> SeriesFamily.of(
        describe(io.prometheus.metrics.core.metrics.Gauge.builder(), PrometheusNames.metricName(d), d, labels)
            .withoutExemplars().build()));
    return new Instruments.PromGauge(series);
  }

  @Override
  public Histogram histogram(MeterDescriptor d) {
    boolean negativeAllowed = !d.buckets().isEmpty() && d.buckets().get(0) < 0;
    return new Instruments.PromDistribution(distribution(d), d.name(), negativeAllowed, rejected);
  }

  @Override
  public Timer timer(MeterDescriptor d) {
    return new Instruments.PromTimer(distribution(d), d.name(), rejected);
  }

  /**
   * Classic-only histograms record into Observa's striped {@link BucketHistogram}; with native buckets,
   * into prometheus-metrics' {@code Histogram}, which keeps classic and native buckets consistent while it
   * resets or lowers its resolution at the bucket limit.
   */
  private Instruments.Series<? extends DistributionDataPoint> distribution(MeterDescriptor d) {
    if (d.nativeBuckets() == null) {
      return series(d, labels -> bucketHistogram(d, labels));
    }
    return series(d, labels -> SeriesFamily.of(nativeHistogram(d, labels)));
  }

  private BucketHistogram bucketHistogram(MeterDescriptor d, String[] labels) {
    return new BucketHistogram(metadata(d), labels, commonLabels, d.bucketArray(), exemplarLabels);
  }

  private io.prometheus.metrics.core.metrics.Histogram nativeHistogram(MeterDescriptor d, String[] labels) {
    NativeBuckets layout = d.nativeBuckets();
    io.prometheus.metrics.core.metrics.Histogram.Builder builder =
        describe(io.prometheus.metrics.core.metrics.Histogram.builder(), PrometheusNames.metricName(d), d, labels)
            .classicUpperBounds(d.bucketArray())
            .nativeInitialSchema(layout.schema())
            .nativeMaxNumberOfBuckets(layout.maxBuckets());
    if (!layout.resetDuration().isZero()) {
      builder.nativeResetDuration(Math.max(1, layout.resetDuration().toSeconds()), java.util.concurrent.TimeUnit.SECONDS);
    }
    return builder.build();
  }

  private LiveCounter liveCounter(MeterDescriptor d, String[] labels) {
    return new LiveCounter(metadata(d), labels, commonLabels, exemplarLabels);
  }

  private static MetricMetadata metadata(MeterDescriptor d) {
    return new MetricMetadata(PrometheusNames.metricName(d), help(d), d.baseUnit() == null ? null : new Unit(d.baseUnit()));
  }

  @Override
  public Summary summary(MeterDescriptor d) {
    Instruments.Series<DistributionDataPoint> series = series(d, labels -> SeriesFamily.of(summary(d, labels)));
    return new Instruments.PromDistribution(series, d.name(), false, rejected);
  }

  private io.prometheus.metrics.core.metrics.Summary summary(MeterDescriptor d, String[] labels) {
    io.prometheus.metrics.core.metrics.Summary.Builder builder =
        describe(io.prometheus.metrics.core.metrics.Summary.builder(), PrometheusNames.metricName(d), d, labels)
            .maxAgeSeconds(Math.max(1, d.maxAge().toSeconds()))
            .numberOfAgeBuckets(d.ageBuckets());
    for (Quantile q : d.quantiles()) {
      builder.quantile(q.quantile(), q.error());
    }
    return builder.build();
  }

  @Override
  public void observe(MeterDescriptor d, DoubleSupplier supplier) {
    String[] values = d.tags().values().toArray(String[]::new);
    String[] names = d.tags().keySet().stream().map(PrometheusNames::labelName).toArray(String[]::new);
    List<ObservedSeries> series = observed.computeIfAbsent(PrometheusNames.metricName(d), name -> {
      claimed.add(claims.claim(d.name(), name, "gauge"));
      List<ObservedSeries> list = new CopyOnWriteArrayList<>();
      GaugeWithCallback gauge = describe(GaugeWithCallback.builder(), name, d, names).callback(callback -> {
        for (ObservedSeries s : list) {
          callback.call(s.read(), s.labelValues());
        }
      }).build();
      registry.register(gauge);
      registered.add(gauge);
      return list;
    });
    addObserved(series, d, values, supplier);
  }

  @Override
  public void observeCounter(MeterDescriptor d, DoubleSupplier total) {
    String[] values = d.tags().values().toArray(String[]::new);
    String[] names = d.tags().keySet().stream().map(PrometheusNames::labelName).toArray(String[]::new);
    List<ObservedSeries> series = observed.computeIfAbsent(PrometheusNames.metricName(d), name -> {
      claimed.add(claims.claim(d.name(), name, "counter"));
      List<ObservedSeries> list = new CopyOnWriteArrayList<>();
      CounterWithCallback counter = describe(CounterWithCallback.builder(), name, d, names).callback(callback -> {
        for (ObservedSeries s : list) {
          double value = s.read();
          if (value >= 0) {
            callback.call(value, s.labelValues());
          }
        }
      }).build();
      registry.register(counter);
      registered.add(counter);
      return list;
    });
    addObserved(series, d, values, total);
  }

  private void addObserved(List<ObservedSeries> series, MeterDescriptor d, String[] values, DoubleSupplier supplier) {
    synchronized (series) {
      if (series.stream().anyMatch(s -> Arrays.equals(s.labelValues(), values))) {
        return;
      }
      if (series.size() >= d.maxSeries()) {
        overflowed(d.name());
        return;
      }
      series.add(new ObservedSeries(d.name(), values, supplier, callbackFailures));
    }
  }

  /**
   * @return {@code series_overflow} (records folded into an overflow series because a metric reached its series
   *     budget) and {@code callback_failures} (gauge or counter callbacks that threw and read as NaN)
   */
  @Override
  public Map<String, Long> dropSummary() {
    return Map.of("series_overflow", overflows.sum(), "callback_failures", callbackFailures.sum());
  }

  /** @return how many times a gauge or counter callback threw since the backend was created */
  public long callbackFailures() {
    return callbackFailures.sum();
  }

  /** One tag combination of a callback gauge or counter; the first registration of it wins. */
  private record ObservedSeries(String meter, String[] labelValues, DoubleSupplier supplier,
      java.util.concurrent.atomic.LongAdder callbackFailures) {
    double read() {
      try {
        return supplier.getAsDouble();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) { // an AssertionError or a LinkageError must not fail the whole scrape
        callbackFailures.increment();
        Diagnostics.warn("gauge.callback." + meter, "callback of '" + meter + "' failed, reporting NaN: "
            + Diagnostics.describe(e));
        return Double.NaN;
      }
    }
  }

  /** @return how many series each metric name has (overflow series included), by exported name */
  public Map<String, Integer> seriesCounts() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    families.forEach((name, family) -> counts.put(name, family.seriesCount()));
    observed.forEach((name, list) -> counts.put(name, list.size()));
    return counts;
  }

  @Override
  public void close() {
    registered.forEach(registry::unregister);
    registered.clear();
    claimed.forEach(claims::release);
    claimed.clear();
    families.clear();
    observed.clear();
  }

}
