package dev.observa.metrics.internal;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * Snapshot data points seen as {@link CounterPoint} and {@link HistogramPoint}: one reusable view each,
 * pointed at the next data point, so writing a snapshot allocates nothing per point. Not thread-safe: one
 * per writer.
 */
final class SnapshotPoints {
  private SnapshotPoints() {}

  /** A counter data point as a {@link CounterPoint}. */
  static final class Counter implements CounterPoint {
    private CounterDataPointSnapshot point;

    Counter of(CounterDataPointSnapshot point) {
      this.point = point;
      return this;
    }

    @Override
    public Labels labels() {
      return point.getLabels();
    }

    @Override
    public Exemplar exemplar() {
      return point.getExemplar();
    }

    @Override
    public double value() {
      return point.getValue();
    }

    @Override
    public long createdMillis() {
      return point.hasCreatedTimestamp() ? point.getCreatedTimestampMillis() : 0;
    }
  }

  /** The classic buckets of a histogram data point as a {@link HistogramPoint}. */
  static final class Histogram implements HistogramPoint {
    private HistogramDataPointSnapshot point;
    private ClassicHistogramBuckets buckets;

    Histogram of(HistogramDataPointSnapshot point) {
      this.point = point;
      this.buckets = point.getClassicBuckets();
      return this;
    }

    @Override
    public Labels labels() {
      return point.getLabels();
    }

    @Override
    public int buckets() {
      return buckets.size();
    }

    @Override
    public double upperBound(int i) {
      return buckets.getUpperBound(i);
    }

    @Override
    public Exemplar exemplar(int i) {
      return point.getExemplars().get(i == 0 ? Double.NEGATIVE_INFINITY : buckets.getUpperBound(i - 1),
          buckets.getUpperBound(i));
    }

    @Override
    public long bucketCount(int i) {
      return buckets.getCount(i);
    }

    @Override
    public boolean exposesSum() {
      return point.hasSum() && buckets.getUpperBound(0) >= 0;
    }

    @Override
    public double sum() {
      return point.getSum();
    }

    @Override
    public long createdMillis() {
      return point.hasCreatedTimestamp() ? point.getCreatedTimestampMillis() : 0;
    }
  }
}
