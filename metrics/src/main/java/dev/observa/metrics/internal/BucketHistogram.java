package dev.observa.metrics.internal;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A classic (explicit-bucket) histogram family of {@link BucketSeries}. */
final class BucketHistogram extends LiveFamily<BucketSeries> {
  private final double[] upperBounds;
  private final boolean exposesSum;

  /**
   * @param metadata name (unit included), help and unit
   * @param labelNames the label names, in the order label values are given
   * @param constLabels labels every series carries
   * @param bounds the bucket upper bounds, ascending; {@code +Inf} is added when missing
   * @param exemplarLabels what an exemplar carries
   */
  BucketHistogram(MetricMetadata metadata, String[] labelNames, Labels constLabels, double[] bounds,
      ExemplarLabels exemplarLabels) {
    super(metadata, labelNames, constLabels, exemplarLabels);
    boolean hasInf = bounds.length > 0 && bounds[bounds.length - 1] == Double.POSITIVE_INFINITY;
    this.upperBounds = hasInf ? bounds.clone() : Arrays.copyOf(bounds, bounds.length + 1);
    this.upperBounds[upperBounds.length - 1] = Double.POSITIVE_INFINITY;
    for (int i = 1; i < upperBounds.length; i++) {
      if (!(upperBounds[i] > upperBounds[i - 1])) {
        throw new IllegalArgumentException("Bucket bounds of '" + metadata.getName() + "' must be strictly ascending: "
            + Arrays.toString(bounds));
      }
    }
    // OpenMetrics: with a negative bucket, _sum would no longer be a counter, so it is not exposed
    this.exposesSum = upperBounds[0] >= 0;
  }

  @Override
  BucketSeries newSeries(Labels labels) {
    return new BucketSeries(this, upperBounds, labels);
  }

  @Override
  public HistogramSnapshot collect() {
    LiveSeries[] all = seriesNow();
    nextGeneration();
    List<HistogramDataPointSnapshot> points = new ArrayList<>(all.length);
    for (LiveSeries one : all) {
      BucketSeries series = (BucketSeries) one;
      long[] counts = new long[upperBounds.length];
      List<Exemplar> exemplars = new ArrayList<>(2);
      for (int i = 0; i < counts.length; i++) {
        Exemplar exemplar = series.exemplar(i); // before the count, so no exemplar is ahead of its count
        if (exemplar != null) {
          exemplars.add(exemplar);
        }
        counts[i] = series.bucketCount(i);
      }
      points.add(new HistogramDataPointSnapshot(ClassicHistogramBuckets.of(upperBounds, counts),
          exposesSum ? series.getSum() : Double.NaN, series.labels(), Exemplars.of(exemplars), series.createdMillis()));
    }
    return new HistogramSnapshot(metadata(), points);
  }
}
