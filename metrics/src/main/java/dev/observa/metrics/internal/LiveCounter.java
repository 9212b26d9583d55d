package dev.observa.metrics.internal;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import java.util.ArrayList;
import java.util.List;

/** A counter family of {@link CounterSeries}. */
final class LiveCounter extends LiveFamily<CounterSeries> {
  /**
   * @param metadata name (without {@code _total}, unit included), help and unit
   * @param labelNames the label names, in the order label values are given
   * @param constLabels labels every series carries
   * @param exemplarLabels what an exemplar carries
   */
  LiveCounter(MetricMetadata metadata, String[] labelNames, Labels constLabels, ExemplarLabels exemplarLabels) {
    super(metadata, labelNames, constLabels, exemplarLabels);
  }

  @Override
  CounterSeries newSeries(Labels labels) {
    return new CounterSeries(this, labels);
  }

  @Override
  public CounterSnapshot collect() {
    LiveSeries[] all = seriesNow();
    nextGeneration();
    List<CounterDataPointSnapshot> points = new ArrayList<>(all.length);
    for (LiveSeries one : all) {
      CounterSeries series = (CounterSeries) one;
      Exemplar exemplar = series.exemplar(0); // before the value, so no exemplar is ahead of its count
      points.add(new CounterDataPointSnapshot(series.get(), series.labels(), exemplar, series.createdMillis()));
    }
    return new CounterSnapshot(metadata(), points);
  }
}
