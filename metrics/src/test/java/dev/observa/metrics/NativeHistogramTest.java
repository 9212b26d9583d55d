package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.meter.Histogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.MetricFamily;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NativeHistogramTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();

  @AfterEach
  void close() {
    obs.close();
  }

  private List<MetricFamily> protobuf() throws Exception {
    Exposition answer = prometheus.scrape(ScrapeFormatTest.PROMETHEUS_PROTOBUF_ACCEPT);
    assertThat(answer.contentType()).isEqualTo(PrometheusMetrics.PROTOBUF_CONTENT_TYPE).isEqualTo(
        "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");
    assertThat(answer.isText()).isFalse();
    List<MetricFamily> families = ProtobufScrape.parse(answer.bytes());
    assertThat(ProtobufScrape.problems(families)).isEmpty();
    return families;
  }

  @Test
  void aHistogramWithNativeBucketsIsExposedInProtobufWithSchemaThreeAndItsClassicBucketsAlongside() throws Exception {
    Histogram histogram = obs.histogram("rpc.latency").baseUnit("seconds").buckets(0.01, 0.1, 1)
        .nativeBuckets(1.1).register();
    SpanContext sampled = SpanContext.create(TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(),
        TraceState.getDefault());
    // prometheus-metrics' sampler, which native histograms use, looks at one record per 90 ms: the first here
    try (Scope scope = Span.wrap(sampled).makeCurrent()) {
      histogram.record(0.5);
    }
    histogram.record(0.005);
    histogram.record(0.05);
    histogram.record(0.05);
    histogram.record(2);

    Metrics.Histogram h = ProtobufScrape.family(protobuf(), "rpc_latency_seconds").getMetric(0).getHistogram();
    assertThat(h.getSchema()).isEqualTo(3);
    assertThat(h.getSampleCount()).isEqualTo(5);
    assertThat(h.getSampleSum()).isEqualTo(2.605, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(h.getBucketList()).extracting(Metrics.Bucket::getUpperBound, Metrics.Bucket::getCumulativeCount)
        .startsWith(org.assertj.core.groups.Tuple.tuple(0.01, 1L), org.assertj.core.groups.Tuple.tuple(0.1, 3L),
            org.assertj.core.groups.Tuple.tuple(1.0, 4L));
    // each value lies in its native bucket (base^(i-1), base^i], base = 2^(1/8)
    double base = Math.pow(2, 1.0 / 8);
    List<long[]> buckets = ProtobufScrape.positiveBuckets(h);
    assertThat(buckets).hasSize(4);
    for (double value : new double[] {0.005, 0.05, 0.5, 2}) {
      assertThat(buckets).anySatisfy(b -> {
        assertThat(Math.pow(base, b[0] - 1)).isLessThan(value);
        assertThat(Math.pow(base, b[0])).isGreaterThanOrEqualTo(value * (1 - 1e-12));
      });
    }
    assertThat(buckets.stream().mapToLong(b -> b[1]).sum()).isEqualTo(5);
    assertThat(h.getBucketList()).anySatisfy(b ->
        assertThat(b.getExemplar().getLabelList().toString()).contains(TRACE_ID));
  }

  @Test
  void theTextFormatsShowTheClassicBucketsOfANativeHistogram() {
    Histogram histogram = obs.histogram("rpc.latency").baseUnit("seconds").buckets(0.01, 0.1, 1)
        .nativeBuckets(1.1).register();
    histogram.record(0.05);
    histogram.record(3);
    String text = prometheus.scrape("text/plain").body();
    assertThat(text).contains("rpc_latency_seconds_bucket{le=\"0.01\"} 0\n", "rpc_latency_seconds_bucket{le=\"0.1\"} 1\n",
        "rpc_latency_seconds_bucket{le=\"1.0\"} 1\n", "rpc_latency_seconds_bucket{le=\"+Inf\"} 2\n",
        "rpc_latency_seconds_count 2\n", "rpc_latency_seconds_sum 3.05\n");
    String openMetrics = prometheus.scrape("application/openmetrics-text").body();
    assertThat(openMetrics).contains("rpc_latency_seconds_bucket{le=\"+Inf\"} 2\n", "rpc_latency_seconds_sum 3.05\n")
        .endsWith("# EOF\n");
  }

  @Test
  void theBucketLimitLowersTheResolutionInsteadOfGrowingWithoutBound() throws Exception {
    Histogram histogram = obs.histogram("spread").buckets(1).nativeBuckets(1.1).nativeMaxBuckets(20).register();
    for (int i = -30; i <= 30; i++) {
      histogram.record(Math.pow(2, i / 2.0));
    }
    Metrics.Histogram h = ProtobufScrape.family(protobuf(), "spread").getMetric(0).getHistogram();
    assertThat(h.getSampleCount()).isEqualTo(61);
    assertThat(ProtobufScrape.positiveBuckets(h)).hasSizeLessThanOrEqualTo(20);
    assertThat(h.getSchema()).isLessThan(3);
  }

  @Test
  void aNativeHistogramWithANegativeBoundCountsNegativeValuesInNegativeBucketsAndHidesTheTextSum() throws Exception {
    Histogram histogram = obs.histogram("offset").linearBuckets(-1, 0.5, 4).nativeBuckets(1.1).register();
    histogram.record(-0.75);
    histogram.record(0.25);
    Metrics.Histogram h = ProtobufScrape.family(protobuf(), "offset").getMetric(0).getHistogram();
    assertThat(h.getNegativeSpanCount()).isEqualTo(1);
    assertThat(h.getSampleCount()).isEqualTo(2);
    assertThat(h.getSampleSum()).isEqualTo(-0.5);
    // OpenMetrics 1.0: "Negative threshold buckets MAY be used, but then the Histogram MetricPoint MUST NOT
    // contain a sum value as it would no longer be a counter semantically."
    assertThat(prometheus.scrape("application/openmetrics-text").body()).contains("offset_bucket{le=\"+Inf\"} 2\n")
        .doesNotContain("offset_sum", "offset_count");
    assertThat(prometheus.scrape("text/plain").body()).contains("offset_count 2\n").doesNotContain("offset_sum");
  }

  @Test
  void timersAndGoldenSignalsTakeNativeBucketsToo() throws Exception {
    obs.timer("checkout.duration").nativeBuckets(1.1).register().record(java.time.Duration.ofMillis(42));
    obs.goldenSignals("pay").nativeBuckets(2).register().record(java.time.Duration.ofMillis(7), null);
    List<MetricFamily> families = protobuf();
    assertThat(ProtobufScrape.family(families, "checkout_duration_seconds").getMetric(0).getHistogram().getSchema())
        .isEqualTo(3);
    Metrics.Histogram pay = ProtobufScrape.family(families, "pay_duration_seconds").getMetric(0).getHistogram();
    assertThat(pay.getSchema()).isZero();
    assertThat(pay.getPositiveSpanCount()).isEqualTo(1);
  }

  @Test
  void classicOnlyHistogramsStayClassicInProtobuf() throws Exception {
    obs.histogram("plain").buckets(1, 2).register().record(1.5);
    Metrics.Histogram h = ProtobufScrape.family(protobuf(), "plain").getMetric(0).getHistogram();
    assertThat(h.getPositiveSpanCount()).isZero();
    assertThat(h.getSampleCount()).isEqualTo(1);
    assertThat(h.getBucketList()).extracting(Metrics.Bucket::getCumulativeCount).startsWith(0L, 1L);
  }
}
