package dev.observa.metrics.internal;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A metric family of Observa's own whose series record into striped cells with no counter shared between
 * threads, and which {@link TextExposition} writes straight from the live series, so a scrape allocates no
 * snapshot for it. {@link #collect()} still gives a prometheus-metrics snapshot for everyone else reading
 * the registry (Spring Boot's endpoint, OTLP export, tests).
 *
 * @param <S> the series type
 */
abstract class LiveFamily<S extends LiveSeries> implements SeriesFamily<S> {
  private static final AtomicIntegerFieldUpdater<LiveFamily> GENERATION =
      AtomicIntegerFieldUpdater.newUpdater(LiveFamily.class, "generation");

  private final MetricMetadata metadata;
  private final String[] labelNames;
  private final Labels constLabels;
  private final ExemplarLabels exemplarLabels;
  private final boolean legacyNames;
  private volatile LiveSeries[] series = new LiveSeries[0];
  private volatile int generation;

  /**
   * @param metadata name (unit included), help and unit
   * @param labelNames the label names, in the order label values are given
   * @param constLabels labels every series carries
   * @param exemplarLabels what an exemplar carries
   */
  LiveFamily(MetricMetadata metadata, String[] labelNames, Labels constLabels, ExemplarLabels exemplarLabels) {
    this.metadata = metadata;
    this.labelNames = labelNames.clone();
    this.constLabels = constLabels;
    this.exemplarLabels = exemplarLabels;
    boolean legacy = TextExposition.isLegacyName(metadata.getPrometheusName());
    for (String label : labelNames) {
      legacy &= TextExposition.isLegacyLabel(label);
    }
    for (int i = 0; i < constLabels.size(); i++) {
      legacy &= TextExposition.isLegacyLabel(constLabels.getPrometheusName(i));
    }
    this.legacyNames = legacy;
  }

  /**
   * @param labels the new series' labels
   * @return a new series of this family
   */
  abstract S newSeries(Labels labels);

  /**
   * Creates the series of a new tuple. {@link GuardedFamily} keeps the series by tuple and asks once per
   * tuple, so this family holds no map of its own.
   */
  @Override
  public final synchronized S series(String[] labelValues) {
    if (labelValues.length != labelNames.length) {
      throw new IllegalArgumentException("Expected " + labelNames.length + " label values for '" + metadata.getName()
          + "', got " + labelValues.length);
    }
    for (String value : labelValues) {
      java.util.Objects.requireNonNull(value, "label value");
    }
    S created = newSeries(constLabels.merge(labelNames, labelValues));
    // kept in label order, the order of a snapshot's data points, so a direct write matches a snapshot's
    LiveSeries[] current = series;
    int at = 0;
    while (at < current.length && current[at].labels().compareTo(created.labels()) < 0) {
      at++;
    }
    LiveSeries[] grown = new LiveSeries[current.length + 1];
    System.arraycopy(current, 0, grown, 0, at);
    grown[at] = created;
    System.arraycopy(current, at, grown, at + 1, current.length - at);
    series = grown;
    return created;
  }

  /** @return every series now, as a prometheus-metrics snapshot; lets every exemplar slot refill */
  @Override
  public abstract MetricSnapshot collect();

  /** Lets every exemplar slot take a fresh exemplar: called once per collect or direct write. */
  final void nextGeneration() {
    GENERATION.incrementAndGet(this);
    for (LiveSeries one : series) {
      one.reopen();
    }
  }

  final int generation() {
    return generation;
  }

  final ExemplarLabels exemplarLabels() {
    return exemplarLabels;
  }

  @Override
  public final String prometheusName() {
    return metadata.getPrometheusName();
  }

  final MetricMetadata metadata() {
    return metadata;
  }

  /** @return whether the name and label names need no escaping, so the fast text writer applies */
  final boolean hasLegacyNames() {
    return legacyNames;
  }

  /** @return the series now, in label order (do not modify) */
  final LiveSeries[] seriesNow() {
    return series;
  }
}
