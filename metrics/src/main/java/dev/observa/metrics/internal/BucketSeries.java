package dev.observa.metrics.internal;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * One series of a classic histogram: a striped counter per bucket and a striped sum, so threads recording
 * into the same series touch no shared cache line (the count is the sum of the buckets, not a counter of
 * its own), and one exemplar slot per bucket.
 *
 * <p>Reads are not atomic across buckets: a scrape racing a record may see it in its bucket but not yet
 * in the sum. {@code _count} always equals the {@code +Inf} bucket. The text formats read it as a
 * {@link HistogramPoint}.
 */
final class BucketSeries extends LiveSeries implements DistributionDataPoint, HistogramPoint {
  private final double[] upperBounds;
  private final LongAdder[] counts;
  private final DoubleAdder sum = new DoubleAdder();

  BucketSeries(LiveFamily<?> family, double[] upperBounds, Labels labels) {
    super(family, labels, upperBounds.length);
    this.upperBounds = upperBounds;
    this.counts = new LongAdder[upperBounds.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  /** @param value a finite value (callers filter NaN and infinities) */
  @Override
  public void observe(double value) {
    int bucket = bucket(value);
    counts[bucket].increment();
    sum.add(value);
    sampleExemplar(bucket, value, null);
  }

  @Override
  public void observeWithExemplar(double value, Labels exemplarLabels) {
    int bucket = bucket(value);
    counts[bucket].increment();
    sum.add(value);
    sampleExemplar(bucket, value, exemplarLabels);
  }

  /** The first bucket whose upper bound is at least the value (the last bound is {@code +Inf}). */
  private int bucket(double value) {
    double[] bounds = upperBounds;
    if (bounds.length <= 16) {
      int i = 0;
      while (value > bounds[i]) {
        i++;
      }
      return i;
    }
    int low = 0;
    int high = bounds.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (value > bounds[mid]) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  @Override
  public int buckets() {
    return upperBounds.length;
  }

  @Override
  public double upperBound(int i) {
    return upperBounds[i];
  }

  @Override
  public long bucketCount(int i) {
    return counts[i].sum();
  }

  @Override
  public boolean exposesSum() {
    return upperBounds[0] >= 0;
  }

  @Override
  public double sum() {
    return sum.sum();
  }

  @Override
  public long getCount() {
    long total = 0;
    for (LongAdder count : counts) {
      total += count.sum();
    }
    return total;
  }

  @Override
  public double getSum() {
    return sum.sum();
  }
}
