package dev.observa.metrics.internal;

import io.prometheus.metrics.core.datapoints.DataPoint;
import io.prometheus.metrics.core.metrics.StatefulMetric;
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
 * @param <D> the data point type
 */
final class GuardedFamily<D extends DataPoint> implements Collector {
  static final String OVERFLOW_LABEL = "otel_metric_overflow";

  private final StatefulMetric<D, ?> family;
  private final Supplier<StatefulMetric<D, ?>> overflowFamily;
  private final int maxSeries;
  private final Runnable onOverflow;
  private final boolean withoutSum;
  private final Map<Key, D> series = new ConcurrentHashMap<>();
  private volatile StatefulMetric<D, ?> overflow;
  private volatile D overflowPoint;

  GuardedFamily(StatefulMetric<D, ?> family, Supplier<StatefulMetric<D, ?>> overflowFamily, int maxSeries,
      Runnable onOverflow, boolean withoutSum) {
    this.withoutSum = withoutSum;
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
      point = family.labelValues(labelValues);
      series.put(key, point);
      return point;
    }
  }

  private D overflowPoint() {
    if (overflowPoint == null) {
      overflow = overflowFamily.get();
      overflowPoint = overflow.labelValues("true");
    }
    return overflowPoint;
  }

  int seriesCount() {
    return series.size() + (overflow == null ? 0 : 1);
  }

  @Override
  public String getPrometheusName() {
    return family.getPrometheusName();
  }

  @Override
  public MetricSnapshot collect() {
    MetricSnapshot snapshot = collectMerged();
    return withoutSum ? dropSums((HistogramSnapshot) snapshot) : snapshot;
  }

  /**
   * OpenMetrics: a histogram with negative bucket bounds must not expose {@code _sum}, which would no
   * longer be a counter. The count and buckets stay.
   */
  private static HistogramSnapshot dropSums(HistogramSnapshot histogram) {
    List<HistogramSnapshot.HistogramDataPointSnapshot> points = new ArrayList<>(histogram.getDataPoints().size());
    for (HistogramSnapshot.HistogramDataPointSnapshot point : histogram.getDataPoints()) {
      points.add(new HistogramSnapshot.HistogramDataPointSnapshot(point.getClassicBuckets(), Double.NaN,
          point.getLabels(), point.getExemplars(), point.hasCreatedTimestamp() ? point.getCreatedTimestampMillis() : 0L));
    }
    return new HistogramSnapshot(histogram.isGaugeHistogram(), histogram.getMetadata(), points);
  }

  private MetricSnapshot collectMerged() {
    MetricSnapshot main = family.collect();
    StatefulMetric<D, ?> spill = overflow;
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
