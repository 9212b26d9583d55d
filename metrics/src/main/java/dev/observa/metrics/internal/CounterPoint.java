package dev.observa.metrics.internal;

import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * What the text formats write for one counter series, read either from a live {@link CounterSeries} or
 * from a snapshot's data point ({@link SnapshotPoints}), so {@link TextExposition} has one writer for the
 * counter rule whatever the source.
 */
interface CounterPoint {
  /** @return the series' labels */
  Labels labels();

  /** @return the exemplar, or null; read before {@link #value()} so no exemplar is ahead of its count */
  Exemplar exemplar();

  /** @return the total */
  double value();

  /** @return the creation time in epoch milliseconds, or 0 when unknown */
  long createdMillis();
}
