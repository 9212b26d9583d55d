package dev.observa.metrics.internal;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One metric family with a cardinality budget. Up to {@code maxSeries} tag combinations get their own
 * series; any further combination is folded into a single overflow series labelled
 * {@code otel_metric_overflow="true"} (as OpenTelemetry does), so totals stay right and memory stays
 * bounded. Registered in the Prometheus registry in place of the family it guards; a scrape shows the
 * family's series plus the overflow series.
 *
 * @param <D> the type records go into
 */
final class GuardedFamily<D> implements Collector {
  static final String OVERFLOW_LABEL = "otel_metric_overflow";

  private final SeriesFamily<D> family;
  private final Supplier<SeriesFamily<D>> overflowFamily;
  private final int maxSeries;
  private final Runnable onOverflow;
  private final Map<Key, D> series = new ConcurrentHashMap<>();
  private volatile SeriesFamily<D> overflow;
  private volatile D overflowPoint;

  GuardedFamily(SeriesFamily<D> family, Supplier<SeriesFamily<D>> overflowFamily, int maxSeries,
      Runnable onOverflow) {
    this.family = family;
    this.overflowFamily = overflowFamily;
    this.maxSeries = maxSeries;
    this.onOverflow = onOverflow;
  }

  /** A label-value tuple usable as a map key. */
  record Key(String[] values) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && Arrays.equals(values, key.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }

  /**
   * @param labelValues the values, in label-name order
   * @return the series for them, or the overflow series once the budget is spent
   */
  D dataPoint(String[] labelValues) {
    Key key = new Key(labelValues);
    D point = series.get(key);
    if (point != null) {
      return point;
    }
    synchronized (this) {
      point = series.get(key);
      if (point != null) {
        return point;
      }
      if (series.size() >= maxSeries) {
        onOverflow.run();
        return overflowPoint();
      }
      point = family.series(labelValues);
      series.put(key, point);
      return point;
    }
  }

  private D overflowPoint() {
    if (overflowPoint == null) {
      overflow = overflowFamily.get();
      overflowPoint = overflow.series(new String[] {"true"});
    }
    return overflowPoint;
  }

  int seriesCount() {
    return series.size() + (overflow == null ? 0 : 1);
  }

  /** @return the family when it is one of Observa's own (then it is written without a snapshot), else null */
  LiveFamily<?> liveFamily() {
    return family instanceof LiveFamily<?> live ? live : null;
  }

  /** @return the overflow family when it is one of Observa's own, or null (also while nothing overflowed) */
  LiveFamily<?> liveOverflow() {
    return overflow instanceof LiveFamily<?> live ? live : null;
  }

  @Override
  public String getPrometheusName() {
    return family.prometheusName();
  }

  @Override
  public MetricSnapshot collect() {
    MetricSnapshot main = family.collect();
    SeriesFamily<D> spill = overflow;
    if (spill == null) {
      return main;
    }
    MetricSnapshot extra = spill.collect();
    if (main instanceof CounterSnapshot counter) {
      return new CounterSnapshot(counter.getMetadata(), concat(counter.getDataPoints(), ((CounterSnapshot) extra).getDataPoints()));
    }
    if (main instanceof GaugeSnapshot gauge) {
      return new GaugeSnapshot(gauge.getMetadata(), concat(gauge.getDataPoints(), ((GaugeSnapshot) extra).getDataPoints()));
    }
    if (main instanceof HistogramSnapshot histogram) {
      return new HistogramSnapshot(histogram.isGaugeHistogram(), histogram.getMetadata(),
          concat(histogram.getDataPoints(), ((HistogramSnapshot) extra).getDataPoints()));
    }
    SummarySnapshot summary = (SummarySnapshot) main;
    return new SummarySnapshot(summary.getMetadata(), concat(summary.getDataPoints(), ((SummarySnapshot) extra).getDataPoints()));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a.size() + b.size());
    all.addAll(a);
    all.addAll(b);
    return all;
  }
}
