package dev.observa.metrics.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.Data;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.GaugeData;
import io.opentelemetry.sdk.metrics.data.HistogramData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.SumData;
import io.opentelemetry.sdk.metrics.data.SummaryData;
import io.opentelemetry.sdk.metrics.data.SummaryPointData;
import io.opentelemetry.sdk.metrics.data.ValueAtQuantile;
import io.opentelemetry.sdk.metrics.export.MetricProducer;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Turns a scrape of a {@link PrometheusRegistry} into OpenTelemetry {@link MetricData}, so the SDK's own
 * periodic reader and OTLP exporter can push the same metrics a Prometheus scrape shows. Cumulative
 * temporality throughout (Prometheus' model); counters become monotonic sums, classic histograms
 * explicit-bucket histograms, summaries summaries, info and state sets gauges. Metric names are the
 * registry's Prometheus names (e.g. {@code orders_placed}); the unit goes into the unit field.
 * Thread-safe: every call scrapes afresh.
 */
public final class SnapshotMetricProducer implements MetricProducer {
  private static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.create("dev.observa.metrics");
  private final PrometheusRegistry registry;
  private final long startEpochNanos;

  /** @param registry the registry scraped on every export */
  public SnapshotMetricProducer(PrometheusRegistry registry) {
    this.registry = registry;
    this.startEpochNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
  }

  @Override
  public Collection<MetricData> produce(Resource resource) {
    long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    List<MetricData> out = new ArrayList<>();
    for (MetricSnapshot snapshot : registry.scrape()) {
      MetricData data = convert(resource, snapshot, now);
      if (data != null) {
        out.add(data);
      }
    }
    return out;
  }

  private MetricData convert(Resource resource, MetricSnapshot snapshot, long now) {
    MetricMetadata meta = snapshot.getMetadata();
    if (snapshot instanceof CounterSnapshot counter) {
      List<DoublePointData> points = new ArrayList<>();
      for (CounterSnapshot.CounterDataPointSnapshot p : counter.getDataPoints()) {
        points.add(DoublePointData.create(start(p), now, attributes(p.getLabels()), p.getValue(), List.of()));
      }
      return metric(resource, meta, MetricDataType.DOUBLE_SUM,
          SumData.createDoubleSumData(true, AggregationTemporality.CUMULATIVE, points));
    }
    if (snapshot instanceof GaugeSnapshot gauge) {
      List<DoublePointData> points = new ArrayList<>();
      for (GaugeSnapshot.GaugeDataPointSnapshot p : gauge.getDataPoints()) {
        points.add(DoublePointData.create(start(p), now, attributes(p.getLabels()), p.getValue(), List.of()));
      }
      return metric(resource, meta, MetricDataType.DOUBLE_GAUGE, GaugeData.createDoubleGaugeData(points));
    }
    if (snapshot instanceof UnknownSnapshot unknown) {
      List<DoublePointData> points = new ArrayList<>();
      for (UnknownSnapshot.UnknownDataPointSnapshot p : unknown.getDataPoints()) {
        points.add(DoublePointData.create(start(p), now, attributes(p.getLabels()), p.getValue(), List.of()));
      }
      return metric(resource, meta, MetricDataType.DOUBLE_GAUGE, GaugeData.createDoubleGaugeData(points));
    }
    if (snapshot instanceof HistogramSnapshot histogram) {
      List<HistogramPointData> points = new ArrayList<>();
      for (HistogramSnapshot.HistogramDataPointSnapshot p : histogram.getDataPoints()) {
        ClassicHistogramBuckets buckets = p.getClassicBuckets();
        if (buckets.isEmpty()) {
          continue; // native-only: no explicit boundaries to send
        }
        List<Double> bounds = new ArrayList<>(buckets.size() - 1);
        List<Long> counts = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
          if (i < buckets.size() - 1) {
            bounds.add(buckets.getUpperBound(i));
          }
          counts.add(buckets.getCount(i));
        }
        double sum = p.hasSum() ? p.getSum() : 0;
        points.add(HistogramPointData.create(start(p), now, attributes(p.getLabels()), sum, false, 0, false, 0,
            bounds, counts));
      }
      return metric(resource, meta, MetricDataType.HISTOGRAM,
          HistogramData.create(AggregationTemporality.CUMULATIVE, points));
    }
    if (snapshot instanceof SummarySnapshot summary) {
      List<SummaryPointData> points = new ArrayList<>();
      for (SummarySnapshot.SummaryDataPointSnapshot p : summary.getDataPoints()) {
        List<ValueAtQuantile> quantiles = new ArrayList<>();
        for (Quantile q : p.getQuantiles()) {
          quantiles.add(ValueAtQuantile.create(q.getQuantile(), q.getValue()));
        }
        points.add(SummaryPointData.create(start(p), now, attributes(p.getLabels()),
            p.hasCount() ? p.getCount() : 0, p.hasSum() ? p.getSum() : 0, quantiles));
      }
      return metric(resource, meta, MetricDataType.SUMMARY, SummaryData.create(points));
    }
    if (snapshot instanceof InfoSnapshot info) {
      List<DoublePointData> points = new ArrayList<>();
      for (InfoSnapshot.InfoDataPointSnapshot p : info.getDataPoints()) {
        points.add(DoublePointData.create(start(p), now, attributes(p.getLabels()), 1, List.of()));
      }
      return metric(resource, meta, MetricDataType.DOUBLE_GAUGE, GaugeData.createDoubleGaugeData(points));
    }
    if (snapshot instanceof StateSetSnapshot stateSet) {
      List<DoublePointData> points = new ArrayList<>();
      for (StateSetSnapshot.StateSetDataPointSnapshot p : stateSet.getDataPoints()) {
        for (int i = 0; i < p.size(); i++) {
          Attributes attributes = attributes(p.getLabels()).toBuilder()
              .put(AttributeKey.stringKey(meta.getPrometheusName()), p.getName(i)).build();
          points.add(DoublePointData.create(start(p), now, attributes, p.isTrue(i) ? 1 : 0, List.of()));
        }
      }
      return metric(resource, meta, MetricDataType.DOUBLE_GAUGE, GaugeData.createDoubleGaugeData(points));
    }
    return null;
  }

  private long start(DataPointSnapshot point) {
    return point.hasCreatedTimestamp()
        ? TimeUnit.MILLISECONDS.toNanos(point.getCreatedTimestampMillis()) : startEpochNanos;
  }

  private static Attributes attributes(Labels labels) {
    AttributesBuilder builder = Attributes.builder();
    for (int i = 0; i < labels.size(); i++) {
      builder.put(AttributeKey.stringKey(labels.getName(i)), labels.getValue(i));
    }
    return builder.build();
  }

  private static MetricData metric(Resource resource, MetricMetadata meta, MetricDataType type, Data<?> data) {
    String unit = meta.hasUnit() ? meta.getUnit().toString() : "";
    return new Metric(resource, SCOPE, meta.getPrometheusName(), meta.getHelp() == null ? "" : meta.getHelp(),
        unit, type, data);
  }

  /** One converted metric. */
  private record Metric(Resource getResource, InstrumentationScopeInfo getInstrumentationScopeInfo, String getName,
      String getDescription, String getUnit, MetricDataType getType, Data<?> getData) implements MetricData {}
}
