package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.meter.Counter;
import dev.observa.meter.Histogram;
import dev.observa.meter.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {
  private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN_ID = "b7ad6b7169203331";

  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();

  @AfterEach
  void close() {
    obs.close();
  }

  private String text() {
    Exposition answer = prometheus.scrape("text/plain");
    assertThat(answer.contentType()).startsWith("text/plain; version=0.0.4");
    return answer.body();
  }

  private String openMetrics() {
    Exposition answer = prometheus.scrape(OPENMETRICS);
    assertThat(answer.contentType()).startsWith("application/openmetrics-text; version=1.0.0");
    assertThat(answer.body()).endsWith("# EOF\n");
    return answer.body();
  }

  private static Scope sampledSpan(boolean sampled) {
    SpanContext context = SpanContext.create(TRACE_ID, SPAN_ID,
        sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
    return Span.wrap(context).makeCurrent();
  }

  @Test
  void counterIsExposedWithTotalSuffixHelpAndTagsInBothFormats() {
    Counter counter = obs.counter("rpc.requests").description("RPCs served").tag("service", "uniform").register();
    counter.increment();
    counter.increment(2.5);
    assertThat(text()).contains("# HELP rpc_requests_total RPCs served\n", "# TYPE rpc_requests_total counter\n",
        "rpc_requests_total{service=\"uniform\"} 3.5\n");
    assertThat(openMetrics()).contains("# TYPE rpc_requests counter\n", "rpc_requests_total{service=\"uniform\"} 3.5",
        "rpc_requests_created{service=\"uniform\"}");
  }

  @Test
  void sameNameAndTagsReturnsTheSameSeries() {
    obs.counter("jobs").tag("queue", "a").register().increment();
    obs.counter("jobs").tag("queue", "a").register().increment();
    obs.counter("jobs").tag("queue", "b").register().increment();
    assertThat(text()).contains("jobs_total{queue=\"a\"} 2.0\n", "jobs_total{queue=\"b\"} 1.0\n");
  }

  @Test
  void histogramUsesExplicitLinearAndExponentialBucketsIncludingNegativeBounds() {
    obs.histogram("rpc.durations.histogram").baseUnit("seconds").linearBuckets(-0.001, 0.0001, 3).register()
        .record(-0.00095);
    obs.histogram("payload.size").baseUnit("bytes").exponentialBuckets(64, 4, 3).register().record(1000);
    String text = text();
    assertThat(text).contains("rpc_durations_histogram_seconds_bucket{le=\"-0.001\"} 0\n",
        "rpc_durations_histogram_seconds_bucket{le=\"-9.0E-4\"} 1\n",
        "rpc_durations_histogram_seconds_count 1\n");
    assertThat(text).as("OpenMetrics: no _sum on a histogram with negative buckets")
        .doesNotContain("rpc_durations_histogram_seconds_sum");
    assertThat(text).contains("payload_size_bytes_bucket{le=\"256.0\"} 0\n", "payload_size_bytes_bucket{le=\"1024.0\"} 1\n",
        "payload_size_bytes_bucket{le=\"+Inf\"} 1\n", "payload_size_bytes_sum 1000.0\n");
  }

  @Test
  void timerPublishesDefaultLatencyBucketsInSecondsSoLeZeroPointOneExists() {
    Timer timer = obs.timer("checkout.duration").register();
    timer.record(Duration.ofMillis(42));
    String text = text();
    assertThat(text).contains("# TYPE checkout_duration_seconds histogram\n",
        "checkout_duration_seconds_bucket{le=\"0.05\"} 1\n", "checkout_duration_seconds_bucket{le=\"0.025\"} 0\n",
        "checkout_duration_seconds_bucket{le=\"0.1\"} 1\n", "checkout_duration_seconds_count 1\n",
        "checkout_duration_seconds_sum 0.042\n");
  }

  @Test
  void summaryPublishesTheDeclaredQuantileObjectives() {
    var summary = obs.summary("rpc.durations").baseUnit("seconds").tag("service", "normal")
        .quantile(0.5, 0.05).quantile(0.9, 0.01).quantile(0.99, 0.001).register();
    for (int i = 1; i <= 100; i++) {
      summary.record(i / 100.0);
    }
    assertThat(text()).contains("# TYPE rpc_durations_seconds summary\n",
        "rpc_durations_seconds{service=\"normal\",quantile=\"0.5\"}",
        "rpc_durations_seconds{service=\"normal\",quantile=\"0.99\"}",
        "rpc_durations_seconds_count{service=\"normal\"} 100\n");
  }

  @Test
  void gaugesHoldAValueOrReadACallbackAndAThrowingCallbackReadsNaN() {
    obs.gauge("pool.size").register().set(7);
    AtomicInteger depth = new AtomicInteger(3);
    obs.gauge("queue.depth").tag("queue", "a").observe(depth, AtomicInteger::get);
    obs.gauge("queue.depth").tag("queue", "broken").observe(() -> {
      throw new IllegalStateException("boom");
    });
    String text = text();
    assertThat(text).contains("pool_size 7.0\n", "queue_depth{queue=\"a\"} 3.0\n", "queue_depth{queue=\"broken\"} NaN\n");
  }

  @Test
  void callbackGaugeDoesNotKeepItsObjectAlive() throws Exception {
    obs.gauge("weak.gauge").observe(new AtomicInteger(5), AtomicInteger::get);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!text().contains("weak_gauge NaN") && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(text()).contains("weak_gauge NaN\n");
  }

  @Test
  void exemplarsAppearOnlyWithASampledSpanAndOnlyOnBucketsAndTotals() {
    // separate instruments: each exemplar slot keeps its first sampled record until the next scrape
    Histogram unsampledHistogram = obs.histogram("unsampled.latency").baseUnit("seconds").register();
    Counter unsampledCounter = obs.counter("unsampled.hits").register();
    try (Scope unsampled = sampledSpan(false)) {
      unsampledHistogram.record(0.2);
      unsampledCounter.increment();
    }
    unsampledHistogram.record(0.3);
    Histogram histogram = obs.histogram("latency").baseUnit("seconds").register();
    Counter counter = obs.counter("hits").register();
    assertThat(openMetrics()).doesNotContain("trace_id");

    try (Scope sampled = sampledSpan(true)) {
      histogram.record(0.042);
      counter.increment();
    }
    String om = openMetrics();
    String exemplar = "# {span_id=\"" + SPAN_ID + "\",trace_id=\"" + TRACE_ID + "\"}";
    assertThat(om).contains("latency_seconds_bucket{le=\"0.05\"} 1 " + exemplar + " 0.042");
    assertThat(om).contains("hits_total 1.0 " + exemplar + " 1.0");
    assertThat(om.lines().filter(l -> l.contains("trace_id")))
        .allSatisfy(l -> assertThat(l).matches("^(latency_seconds_bucket|hits_total).*"));
    assertThat(text()).doesNotContain("trace_id");
  }

  @Test
  void invalidValuesAreIgnoredAndNeverCorruptSumsOrCounts() {
    Counter counter = obs.counter("c").register();
    counter.increment(-1);
    counter.increment(Double.NaN);
    counter.increment(Double.POSITIVE_INFINITY);
    counter.increment(2);
    Histogram histogram = obs.histogram("h").register();
    histogram.record(Double.NaN);
    histogram.record(Double.NEGATIVE_INFINITY);
    histogram.record(1);
    var summary = obs.summary("s").register();
    summary.record(Double.NaN);
    summary.record(4);
    Timer timer = obs.timer("t").register();
    timer.record(Duration.ofSeconds(-1));
    timer.record(-3, java.util.concurrent.TimeUnit.SECONDS);
    String text = text();
    assertThat(text).contains("c_total 2.0\n", "h_count 1\n", "h_sum 1.0\n", "s_count 1\n", "s_sum 4.0\n",
        "t_seconds_count 0\n");
  }

  @Test
  void labelValuesWithQuotesBackslashesNewlinesAndNonAsciiAreEscaped() {
    obs.counter("odd").tag("v", "a\"b\\c\nd é").register().increment();
    assertThat(text()).contains("odd_total{v=\"a\\\"b\\\\c\\nd é\"} 1.0\n");
    assertThat(openMetrics()).contains("odd_total{v=\"a\\\"b\\\\c\\nd é\"} 1.0");
  }

  @Test
  void twoThreadsOfAMillionIncrementsGiveAnExactTotal() throws Exception {
    Counter counter = obs.counter("contended").register();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      Future<?> a = pool.submit(() -> increment(counter, start));
      Future<?> b = pool.submit(() -> increment(counter, start));
      start.countDown();
      a.get();
      b.get();
    } finally {
      pool.shutdown();
    }
    assertThat(text()).contains("contended_total 2000000.0\n");
  }

  @Test
  void twoThreadsRecordingIntoOneHistogramLoseNoObservation() throws Exception {
    Histogram histogram = obs.histogram("contended.latency").buckets(0.5, 1.5).register();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      Future<?> a = pool.submit(() -> record(histogram, start, 0.25));
      Future<?> b = pool.submit(() -> record(histogram, start, 1.0));
      start.countDown();
      a.get();
      b.get();
    } finally {
      pool.shutdown();
    }
    assertThat(text()).contains("contended_latency_bucket{le=\"0.5\"} 1000000\n",
        "contended_latency_bucket{le=\"1.5\"} 2000000\n", "contended_latency_bucket{le=\"+Inf\"} 2000000\n",
        "contended_latency_count 2000000\n", "contended_latency_sum 1250000.0\n");
  }

  private static Void record(Histogram histogram, CountDownLatch start, double value) throws InterruptedException {
    start.await();
    for (int i = 0; i < 1_000_000; i++) {
      histogram.record(value);
    }
    return null;
  }

  @Test
  void aHistogramBucketTakesAFreshExemplarOncePerScrape() {
    Histogram histogram = obs.histogram("refreshed").buckets(1).register();
    try (Scope first = span("0af7651916cd43dd8448eb211c800001")) {
      histogram.record(0.5);
    }
    try (Scope second = span("0af7651916cd43dd8448eb211c800002")) {
      histogram.record(0.6);
    }
    assertThat(openMetrics()).contains("c800001").doesNotContain("c800002");
    try (Scope third = span("0af7651916cd43dd8448eb211c800003")) {
      histogram.record(0.7);
    }
    try (Scope fourth = span("0af7651916cd43dd8448eb211c800004")) {
      histogram.record(0.8);
    }
    assertThat(openMetrics()).contains("refreshed_bucket{le=\"1.0\"} 4 # {span_id=\"" + SPAN_ID
        + "\",trace_id=\"0af7651916cd43dd8448eb211c800003\"} 0.7").doesNotContain("c800001");
  }

  @Test
  void untracedRecordsStopLookingForSpansUntilTheNextScrapeThenExemplarsResume() {
    Histogram histogram = obs.histogram("mostly.untraced").buckets(1).register();
    for (int i = 0; i < 1000; i++) {
      histogram.record(0.5);
    }
    try (Scope traced = span("0af7651916cd43dd8448eb211c800005")) {
      histogram.record(0.5); // this bucket's lookups for this scrape interval are spent
    }
    assertThat(openMetrics()).doesNotContain("trace_id");
    try (Scope traced = span("0af7651916cd43dd8448eb211c800006")) {
      histogram.record(0.5);
    }
    assertThat(openMetrics()).contains("trace_id=\"0af7651916cd43dd8448eb211c800006\"} 0.5");
  }

  private static Scope span(String traceId) {
    return Span.wrap(SpanContext.create(traceId, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()))
        .makeCurrent();
  }

  private static Void increment(Counter counter, CountDownLatch start) throws InterruptedException {
    start.await();
    for (int i = 0; i < 1_000_000; i++) {
      counter.increment();
    }
    return null;
  }

  @Test
  void micrometerMetersOnTheSameRegistryShareTheScrape() {
    io.micrometer.core.instrument.Counter.builder("micrometer.side").register(prometheus.registry()).increment();
    obs.counter("observa.side").register().increment();
    assertThat(text()).contains("micrometer_side_total 1.0\n", "observa_side_total 1.0\n");
  }
}
