package dev.observa.metrics.internal;

import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * What the text formats write for one classic histogram series, read either from a live
 * {@link BucketSeries} or from a snapshot's data point ({@link SnapshotPoints}), so {@link TextExposition}
 * has one writer for the histogram rule whatever the source. Native buckets are not part of it: the text
 * formats have none.
 */
interface HistogramPoint {
  /** @return the series' labels */
  Labels labels();

  /** @return the number of classic buckets, {@code +Inf} included */
  int buckets();

  /**
   * @param i a bucket
   * @return its upper bound; the last one is {@code +Inf}
   */
  double upperBound(int i);

  /**
   * @param i a bucket
   * @return its exemplar, or null; read before {@link #bucketCount} so no exemplar is ahead of its count
   */
  Exemplar exemplar(int i);

  /**
   * @param i a bucket
   * @return the observations in that bucket alone (not cumulative)
   */
  long bucketCount(int i);

  /**
   * @return whether {@code _sum} is exposed: never with a negative bucket bound, where it would no longer
   *     be a counter (OpenMetrics 1.0: "Negative threshold buckets MAY be used, but then the Histogram
   *     MetricPoint MUST NOT contain a sum value")
   */
  boolean exposesSum();

  /** @return the sum of the observations */
  double sum();

  /** @return the creation time in epoch milliseconds, or 0 when unknown */
  long createdMillis();
}
