package dev.observa.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextExpositionTest {
  private static final ExpositionFormats OPENMETRICS = ExpositionFormats.init(
      ExporterProperties.builder().includeCreatedTimestamps(true).exemplarsOnAllMetricTypes(false).build());
  private static final ExpositionFormats TEXT = ExpositionFormats.init(
      ExporterProperties.builder().includeCreatedTimestamps(false).exemplarsOnAllMetricTypes(false).build());

  private static String theirs(ExpositionFormatWriter writer, MetricSnapshots snapshots) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writer.write(out, snapshots);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String ours(boolean openMetrics, MetricSnapshots snapshots) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExpositionFormatWriter fallback = openMetrics
        ? OPENMETRICS.getOpenMetricsTextFormatWriter() : TEXT.getPrometheusTextFormatWriter();
    TextExposition.write(out, snapshots, openMetrics, true, fallback);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void assertSameAsPrometheusMetrics(MetricSnapshots snapshots) throws Exception {
    assertThat(ours(false, snapshots)).isEqualTo(theirs(TEXT.getPrometheusTextFormatWriter(), snapshots));
    assertThat(ours(true, snapshots)).isEqualTo(theirs(OPENMETRICS.getOpenMetricsTextFormatWriter(), snapshots));
  }

  private static Exemplar exemplar(double value, long millis) {
    return Exemplar.builder().value(value).traceId("4bf92f3577b34da6a3ce929d0e0e4736").spanId("00f067aa0ba902b7")
        .timestampMillis(millis).build();
  }

  @Test
  void everyKindObservaAndMicrometerProduceIsWrittenExactlyAsPrometheusMetricsWritesIt() throws Exception {
    Labels hostile = Labels.of("path", "/a\"b\\c\nd é 😀", "service", "shop");
    MetricSnapshots snapshots = MetricSnapshots.builder()
        .metricSnapshot(CounterSnapshot.builder().name("requests").help("Requests \"quoted\" \\ back\nslash ü")
            .dataPoint(CounterDataPointSnapshot.builder().value(4).labels(hostile).exemplar(exemplar(1, 1795506469731L))
                .createdTimestampMillis(1795506469711L).build())
            .dataPoint(CounterDataPointSnapshot.builder().value(12345678.5).labels(Labels.of("path", "/b", "service", "x"))
                .build())
            .build())
        .metricSnapshot(CounterSnapshot.builder().name("sent_bytes").unit(Unit.BYTES)
            .dataPoint(CounterDataPointSnapshot.builder().value(1e7).build()).build())
        .metricSnapshot(GaugeSnapshot.builder().name("queue_depth").help("")
            .dataPoint(GaugeDataPointSnapshot.builder().value(-0.0).build())
            .dataPoint(GaugeDataPointSnapshot.builder().value(Double.NaN).labels(Labels.of("q", "a")).build())
            .dataPoint(GaugeDataPointSnapshot.builder().value(Double.POSITIVE_INFINITY).labels(Labels.of("q", "b")).build())
            .dataPoint(GaugeDataPointSnapshot.builder().value(1.0E-4).labels(Labels.of("q", "c")).build())
            .dataPoint(GaugeDataPointSnapshot.builder().value(-3).labels(Labels.of("q", "d")).build())
            .build())
        .metricSnapshot(HistogramSnapshot.builder().name("latency_seconds").help("lat").unit(Unit.SECONDS)
            .dataPoint(HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(new double[] {0, 0.0001, 0.1, 1, 2.5, 1e7,
                    Double.POSITIVE_INFINITY}, new long[] {1, 0, 3, 0, 2, 1, 4}))
                .sum(1.55).labels(Labels.of("route", "/r"))
                .exemplars(Exemplars.of(exemplar(0.05, 1795506469000L), exemplar(2.0, 1795506469999L)))
                .createdTimestampMillis(1795506469005L).build())
            .dataPoint(HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(new double[] {0.1, Double.POSITIVE_INFINITY},
                    new long[] {0, 0})).build())
            .build())
        .metricSnapshot(SummarySnapshot.builder().name("rpc_duration").help("rpc")
            .dataPoint(SummaryDataPointSnapshot.builder().quantiles(Quantiles.of(new Quantile(0.5, 3),
                new Quantile(0.99, 3.5))).count(2).sum(6.5).createdTimestampMillis(1795506469100L).build())
            .dataPoint(SummaryDataPointSnapshot.builder().labels(Labels.of("m", "x")).quantiles(Quantiles.EMPTY).build())
            .dataPoint(SummaryDataPointSnapshot.builder().labels(Labels.of("m", "y")).count(3).build())
            .dataPoint(SummaryDataPointSnapshot.builder().labels(Labels.of("m", "z")).sum(1.5).build())
            .build())
        .build();
    assertSameAsPrometheusMetrics(snapshots);
  }

  @Test
  void kindsItDoesNotWriteItselfAreHandedToPrometheusMetricsWithTheSameResult() throws Exception {
    MetricSnapshots snapshots = MetricSnapshots.builder()
        .metricSnapshot(InfoSnapshot.builder().name("build").help("build info")
            .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of("version", "1.2")).build()).build())
        .metricSnapshot(StateSetSnapshot.builder().name("feature")
            .dataPoint(StateSetSnapshot.StateSetDataPointSnapshot.builder().state("a", true).state("b", false).build())
            .build())
        .metricSnapshot(UnknownSnapshot.builder().name("legacy")
            .dataPoint(UnknownSnapshot.UnknownDataPointSnapshot.builder().value(3).build()).build())
        .metricSnapshot(HistogramSnapshot.builder().name("gauge_hist").gaugeHistogram(true)
            .dataPoint(HistogramDataPointSnapshot.builder().classicHistogramBuckets(ClassicHistogramBuckets.of(
                new double[] {1, Double.POSITIVE_INFINITY}, new long[] {1, 1})).sum(2).build()).build())
        .metricSnapshot(GaugeSnapshot.builder().name("stamped")
            .dataPoint(GaugeDataPointSnapshot.builder().value(1).scrapeTimestampMillis(1795506469000L).build()).build())
        .metricSnapshot(CounterSnapshot.builder().name("after")
            .dataPoint(CounterDataPointSnapshot.builder().value(1).build()).build())
        .build();
    assertSameAsPrometheusMetrics(snapshots);
  }

  @Test
  void theClassicBucketsOfAHistogramWithNativeBucketsTooAreWrittenExactlyAsPrometheusMetricsWritesThem()
      throws Exception {
    MetricSnapshots snapshots = MetricSnapshots.builder()
        .metricSnapshot(HistogramSnapshot.builder().name("hybrid_seconds").help("both").unit(Unit.SECONDS)
            .dataPoint(HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(new double[] {0.1, 1, Double.POSITIVE_INFINITY},
                    new long[] {1, 2, 0}))
                .nativeSchema(3).nativeZeroCount(0)
                .nativeBucketsForPositiveValues(io.prometheus.metrics.model.snapshots.NativeHistogramBuckets.of(
                    new int[] {-26, -3, 0}, new long[] {1, 1, 1}))
                .sum(1.35).exemplars(Exemplars.of(exemplar(0.5, 1795506469000L)))
                .createdTimestampMillis(1795506469005L).build())
            .build())
        .build();
    assertSameAsPrometheusMetrics(snapshots);
  }

  @Test
  void aHistogramSnapshotWithANegativeBoundExposesNoSumUnlikePrometheusMetrics() throws Exception {
    // OpenMetrics 1.0: "Negative threshold buckets MAY be used, but then the Histogram MetricPoint MUST NOT
    // contain a sum value as it would no longer be a counter semantically." prometheus-metrics writes it anyway.
    MetricSnapshots snapshots = MetricSnapshots.builder()
        .metricSnapshot(HistogramSnapshot.builder().name("offset")
            .dataPoint(HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(new double[] {-1, 1, Double.POSITIVE_INFINITY},
                    new long[] {1, 1, 0}))
                .sum(-0.5).build())
            .build())
        .build();
    String theirs = theirs(OPENMETRICS.getOpenMetricsTextFormatWriter(), snapshots);
    assertThat(theirs).contains("offset_sum -0.5\n");
    assertThat(ours(true, snapshots)).isEqualTo(theirs.replace("offset_count 2\n", "").replace("offset_sum -0.5\n", ""))
        .doesNotContain("offset_sum", "offset_count");
    assertThat(ours(false, snapshots)).isEqualTo(theirs(TEXT.getPrometheusTextFormatWriter(), snapshots)
        .replace("offset_sum -0.5\n", "")).contains("offset_count 2\n");
  }

  @Test
  void generatedRegistriesAreWrittenExactlyAsPrometheusMetricsWritesThem() throws Exception {
    Random random = new Random(11);
    for (int round = 0; round < 50; round++) {
      MetricSnapshots.Builder builder = MetricSnapshots.builder();
      for (int m = 0; m < 5; m++) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name("c" + round + "_" + m).help("h" + m);
        HistogramSnapshot.Builder histogram = HistogramSnapshot.builder().name("h" + round + "_" + m);
        for (int p = 0; p < 3; p++) {
          Labels labels = Labels.of("k", "v" + p + (char) ('"' + random.nextInt(90)));
          double value = random.nextInt(4) == 0 ? random.nextDouble() * 1e9 : random.nextInt(1000) / 8.0;
          counter.dataPoint(CounterDataPointSnapshot.builder().value(value).labels(labels)
              .createdTimestampMillis(1795506469000L + random.nextInt(100_000)).build());
          histogram.dataPoint(HistogramDataPointSnapshot.builder().labels(labels)
              .classicHistogramBuckets(ClassicHistogramBuckets.of(new double[] {random.nextDouble(), 10,
                  Double.POSITIVE_INFINITY}, new long[] {random.nextInt(5), random.nextInt(5), random.nextInt(5)}))
              .sum(random.nextDouble() * 100).build());
        }
        builder.metricSnapshot(counter.build()).metricSnapshot(histogram.build());
      }
      assertSameAsPrometheusMetrics(builder.build());
    }
  }

  @Test
  void observaHistogramsWrittenFromLiveSeriesMatchWhatTheirSnapshotsWouldGive() throws Exception {
    dev.observa.metrics.PrometheusMetrics prometheus = dev.observa.metrics.PrometheusMetrics.builder()
        .commonTag("region", "eu").build();
    try (dev.observa.Observa obs = dev.observa.Observa.builder().noDiscovery().metrics(prometheus).build()) {
      io.micrometer.core.instrument.Counter.builder("b.micrometer").register(prometheus.registry()).increment();
      obs.counter("a.first").register().increment();
      obs.counter("z.last").register().increment(3);
      dev.observa.meter.Histogram negative = obs.histogram("c.offset").linearBuckets(-1, 0.5, 4).register();
      negative.record(-0.75);
      negative.record(2);
      for (int i = 0; i < 5; i++) {
        obs.histogram("d.latency").baseUnit("seconds").tag("route", "/r\"" + i + "\né").maxSeries(3).register()
            .record(i * 0.3);
      }
      obs.timer("e.duration").description("help with \\ and \n").register().record(java.time.Duration.ofMillis(42));
      obs.histogram("f.empty").buckets(1, 2).register();
      for (int i = 0; i < 4; i++) {
        obs.counter("g.flood").tag("k", "v" + i).maxSeries(2).register().increment(i + 0.25);
      }
      io.opentelemetry.api.trace.SpanContext sampled = io.opentelemetry.api.trace.SpanContext.create(
          "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", io.opentelemetry.api.trace.TraceFlags.getSampled(),
          io.opentelemetry.api.trace.TraceState.getDefault());
      try (io.opentelemetry.context.Scope scope = io.opentelemetry.api.trace.Span.wrap(sampled).makeCurrent()) {
        obs.histogram("d.latency").baseUnit("seconds").tag("route", "/r\"0\né").register().record(0.07);
        negative.record(-0.2);
        obs.counter("a.first").register().increment(0.5);
      }
      for (boolean openMetrics : new boolean[] {false, true}) {
        ByteArrayOutputStream live = new ByteArrayOutputStream();
        String accept = openMetrics ? "application/openmetrics-text" : "text/plain";
        prometheus.scrape(accept, live);
        ExpositionFormatWriter writer = openMetrics
            ? OPENMETRICS.getOpenMetricsTextFormatWriter() : TEXT.getPrometheusTextFormatWriter();
        String expected = theirs(writer, prometheus.registry().getPrometheusRegistry().scrape());
        assertThat(live.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
      }
      String openMetrics = prometheus.scrape("application/openmetrics-text").body();
      assertThat(openMetrics).contains("trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\"",
          "d_latency_seconds_bucket{otel_metric_overflow=\"true\",region=\"eu\",le=\"0.005\"}",
          "c_offset_bucket{region=\"eu\",le=\"+Inf\"} 3");
      // negative buckets: no _sum; OpenMetrics then drops _count too (they come as a pair)
      assertThat(openMetrics).doesNotContain("c_offset_sum", "c_offset_count");
      assertThat(openMetrics).contains("a_first_total{region=\"eu\"} 1.5 # {span_id=",
          "g_flood_total{otel_metric_overflow=\"true\",region=\"eu\"} 5.5");
      assertThat(prometheus.scrape("text/plain").body()).contains("c_offset_count{region=\"eu\"} 3\n")
          .doesNotContain("c_offset_sum");
    }
  }
}
