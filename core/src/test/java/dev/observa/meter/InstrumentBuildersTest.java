package dev.observa.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.spi.MeterDescriptor;
import dev.observa.testing.RecordingMetricsBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InstrumentBuildersTest {
  private final RecordingMetricsBackend backend = new RecordingMetricsBackend();
  private final Instruments instruments = Instruments.of(backend);

  @Test
  void aCounterReachesTheBackendWithItsNameHelpUnitSortedTagsAndBudget() {
    Counter counter = instruments.counter("rpc.requests").description("RPCs").baseUnit("requests")
        .tag("zone", "b").tag("service", "a").maxSeries(10).register();
    counter.increment();
    counter.increment(2.5);

    MeterDescriptor descriptor = backend.registered("rpc.requests").get(0);
    assertThat(descriptor.type()).isEqualTo(MeterType.COUNTER);
    assertThat(descriptor.description()).isEqualTo("RPCs");
    assertThat(descriptor.baseUnit()).isEqualTo("requests");
    assertThat(descriptor.tags().keySet()).containsExactly("service", "zone");
    assertThat(descriptor.maxSeries()).isEqualTo(10);
    assertThat(backend.total("rpc.requests", Map.of("service", "a", "zone", "b"))).isEqualTo(3.5);
  }

  @Test
  void defaultsAreNoHelpNoUnitAndTheDefaultBudget() {
    instruments.gauge("queue.depth").description(null).register();
    MeterDescriptor descriptor = backend.registered("queue.depth").get(0);
    assertThat(descriptor.description()).isEmpty();
    assertThat(descriptor.baseUnit()).isNull();
    assertThat(descriptor.maxSeries()).isEqualTo(MeterDescriptor.DEFAULT_MAX_SERIES);
  }

  @Test
  void histogramBucketsDefaultToLatencySecondsAndEachBucketCallReplacesThem() {
    instruments.histogram("a").register();
    instruments.histogram("b").buckets(1, 5, 10).register();
    instruments.histogram("c").linearBuckets(-1, 0.5, 3).register();
    instruments.histogram("d").exponentialBuckets(64, 4, 3).register();

    assertThat(backend.registered("a").get(0).buckets()).isEqualTo(Buckets.DEFAULT_LATENCY_SECONDS);
    assertThat(backend.registered("b").get(0).buckets()).containsExactly(1.0, 5.0, 10.0);
    assertThat(backend.registered("c").get(0).buckets()).containsExactly(-1.0, -0.5, 0.0);
    assertThat(backend.registered("d").get(0).bucketArray()).containsExactly(64, 256, 1024);
  }

  @Test
  void aTimerIsAHistogramInSecondsWhateverTheCallerRecordsIn() throws Exception {
    Timer timer = instruments.timer("checkout.duration").buckets(0.1, 1).register();
    timer.record(Duration.ofMillis(250));
    timer.record(2, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(timer.recordCallable(() -> "done")).isEqualTo("done");

    MeterDescriptor descriptor = backend.registered("checkout.duration").get(0);
    assertThat(descriptor.type()).isEqualTo(MeterType.TIMER);
    assertThat(descriptor.baseUnit()).isEqualTo("seconds");
    assertThat(descriptor.buckets()).containsExactly(0.1, 1.0);
    assertThat(backend.values("checkout.duration", Map.of())).hasSize(3).startsWith(0.25, 2.0);
  }

  @Test
  void aSummaryCarriesItsQuantileObjectivesAndSlidingWindow() {
    instruments.summary("rpc.durations").quantile(0.5, 0.05).quantile(0.99, 0.001)
        .maxAge(Duration.ofMinutes(2)).ageBuckets(3).register();
    MeterDescriptor descriptor = backend.registered("rpc.durations").get(0);
    assertThat(descriptor.quantiles()).containsExactly(new Quantile(0.5, 0.05), new Quantile(0.99, 0.001));
    assertThat(descriptor.maxAge()).isEqualTo(Duration.ofMinutes(2));
    assertThat(descriptor.ageBuckets()).isEqualTo(3);
  }

  @Test
  void settersRejectBadValuesAtOnceNamingTheValue() {
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.counter("c").maxSeries(0))
        .withMessageContaining("maxSeries").withMessageContaining("0");
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.counter("c").baseUnit("Seconds"))
        .withMessageContaining("'Seconds'");
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.summary("s").maxAge(Duration.ZERO))
        .withMessageContaining("PT0S");
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.summary("s").ageBuckets(0))
        .withMessageContaining("ageBuckets");
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.summary("s").quantile(1.0, 0.01))
        .withMessageContaining("1.0");
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.histogram("h").buckets(2, 1))
        .withMessageContaining("1.0");
    assertThat(backend.registrations).isEmpty();
  }

  @Test
  void aCounterFamilyNeedsDistinctPerCallKeysThatAreNotAlsoFixed() {
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.counter("f").registerFamily())
        .withMessageContaining("at least one");
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.counter("f").registerFamily("method", "method"))
        .withMessageContaining("'method'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> instruments.counter("f").tag("method", "GET").registerFamily("method"))
        .withMessageContaining("'method'");

    CounterFamily family = instruments.counter("http.requests").tag("service", "a").registerFamily("method", "status");
    family.withTagValues("GET", "200").increment();
    family.withTagValues("GET", "200").increment();
    assertThat(backend.total("http.requests", Map.of("service", "a", "method", "GET", "status", "200"))).isEqualTo(2);
  }

  @Test
  void observedCountersAndGaugesAreReadWhenTheBackendAsks() {
    AtomicInteger total = new AtomicInteger();
    instruments.counter("jobs.done").observe(total::get);
    List<String> queue = new java.util.ArrayList<>(List.of("a", "b"));
    instruments.gauge("queue.depth").observe(queue, List::size);
    total.set(7);
    queue.add("c");
    assertThat(backend.total("jobs.done", Map.of())).isEqualTo(7);
    assertThat(backend.total("queue.depth", Map.of())).isEqualTo(3);
  }

  @Test
  void aViewChecksThatANameKeepsItsTypeAndTagKeysBeforeTheBackendSeesIt() {
    instruments.counter("jobs.done").tag("queue", "a").register();
    assertThatIllegalArgumentException().isThrownBy(() -> instruments.gauge("jobs.done").register())
        .withMessageContaining("counter").withMessageContaining("gauge");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> instruments.counter("jobs_done").tag("region", "eu").register())
        .withMessageContaining("[queue]");
    assertThat(backend.registered("jobs.done")).hasSize(1);
    assertThat(backend.registered("jobs_done")).isEmpty();
    assertThat(Instruments.of(new RecordingMetricsBackend()).gauge("jobs.done").register())
        .as("another facade's backend has its own names").isNotNull();
  }

  @Test
  void aMissingBackendIsRejected() {
    assertThatIllegalArgumentException().isThrownBy(() -> Instruments.of(null)).withMessageContaining("null");
  }
}
