package dev.observa.metrics.internal;

import io.prometheus.metrics.core.metrics.StatefulMetric;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * A metric family: one series per label-value tuple, and a snapshot of all of them at scrape time. Either
 * a prometheus-metrics family ({@link #of}) or one of Observa's own ({@link BucketHistogram}).
 *
 * @param <D> the type records go into
 */
interface SeriesFamily<D> {
  /**
   * @param labelValues one non-null value per label name, in label-name order
   * @return the series for them; {@link GuardedFamily}, which keeps series by tuple, asks once per tuple
   */
  D series(String[] labelValues);

  /** @return every series now */
  MetricSnapshot collect();

  /** @return the exported name */
  String prometheusName();

  /**
   * @param metric a prometheus-metrics family
   * @param <D> its data point type
   * @return it as a series family
   */
  static <D extends io.prometheus.metrics.core.datapoints.DataPoint> SeriesFamily<D> of(StatefulMetric<D, ?> metric) {
    return new SeriesFamily<>() {
      @Override
      public D series(String[] labelValues) {
        return metric.labelValues(labelValues);
      }

      @Override
      public MetricSnapshot collect() {
        return metric.collect();
      }

      @Override
      public String prometheusName() {
        return metric.getPrometheusName();
      }
    };
  }
}
