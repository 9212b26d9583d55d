package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.Observa;
import dev.observa.meter.Counter;
import dev.observa.meter.CounterFamily;
import dev.observa.meter.Gauge;
import dev.observa.meter.GoldenSignals;
import dev.observa.meter.Histogram;
import dev.observa.meter.Summary;
import dev.observa.meter.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Property: whatever stream of values (NaN, ±Inf, negatives, huge and tiny values, ±0) goes into every
 * kind of instrument, every scrape in every format parses: text 0.0.4 with {@code promtool check metrics},
 * OpenMetrics 1.0 with the prometheus_client OpenMetrics parser (Debian's python3), protobuf parsed back
 * and checked for what Prometheus refuses on ingestion ({@link ProtobufScrape}).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ScrapeConformanceIT {
  private static final int ROUNDS = 12;
  private static final int VALUES_PER_ROUND = 400;
  private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, 1e300, -1e300, 1e-300, -1e-300, 0.0,
      -0.0, 1, -1, 1e7, 1e-9};
  private static final String OPENMETRICS_PARSER = String.join("\n",
      "import json, sys",
      "from prometheus_client.openmetrics.parser import text_string_to_metric_families",
      "failures = []",
      "for i, doc in enumerate(json.load(sys.stdin)):",
      "    try:",
      "        list(text_string_to_metric_families(doc))",
      "    except Exception as e:",
      "        failures.append('scrape %d: %s' % (i, e))",
      "print('failures', failures)",
      "sys.exit(1 if failures else 0)");

  private static final String SEED_NAME_LINT =
      "rpc_durations_histogram_seconds metric name should not include type 'histogram'";

  private static Path promtool;
  private static Path python;

  @BeforeAll
  static void tools() {
    promtool = ExternalTool.require("/usr/bin/promtool");
    python = ExternalTool.require("/usr/bin/python3");
  }

  private static double randomValue(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> SPECIAL[random.nextInt(SPECIAL.length)];
      case 1 -> -random.nextDouble() * Math.pow(10, random.nextInt(20) - 10);
      case 2 -> random.nextGaussian() * 0.0002 + 0.00001;
      case 3 -> Math.pow(10, random.nextInt(600) - 300) * random.nextDouble();
      default -> random.nextDouble() * Math.pow(10, random.nextInt(12) - 6);
    };
  }

  /** Every kind of instrument, each fed the same value. */
  private static List<DoubleConsumer> everyInstrument(Observa obs, AtomicReference<Double> gaugeValue) {
    Counter counter = obs.counter("events").description("events").tag("kind", "a").register();
    CounterFamily family = obs.counter("requests").description("requests").registerFamily("method");
    Gauge gauge = obs.gauge("level").description("level").register();
    obs.gauge("observed").description("observed").observe(gaugeValue::get);
    Histogram classic = obs.histogram("size").description("size").baseUnit("bytes").exponentialBuckets(1, 4, 8)
        .register();
    Histogram signed = obs.histogram("offset").description("offset").baseUnit("seconds")
        .linearBuckets(-0.00099, 0.0001, 20).register();
    Histogram nativeSigned = obs.histogram("rpc.durations.histogram").description("rpc").baseUnit("seconds")
        .linearBuckets(-0.00099, 0.0001, 20).nativeBuckets(1.1).nativeMaxBuckets(40).register();
    Histogram nativePositive = obs.histogram("latency").description("latency").baseUnit("seconds")
        .buckets(0.001, 0.01, 0.1, 1).nativeBuckets(1.1).register();
    Timer timer = obs.timer("work.duration").description("work").register();
    Timer nativeTimer = obs.timer("call.duration").description("call").nativeBuckets(1.1).register();
    Summary summary = obs.summary("rpc.durations").description("rpc").baseUnit("seconds").tag("service", "normal")
        .quantile(0.5, 0.05).quantile(0.9, 0.01).quantile(0.99, 0.001).register();
    GoldenSignals golden = obs.goldenSignals("checkout").description("checkout").register();
    return List.of(counter::increment, v -> family.withTagValues(v < 0 ? "neg" : "pos").increment(v), gauge::set,
        gaugeValue::set, gauge::add, classic::record, signed::record, nativeSigned::record, nativePositive::record,
        v -> timer.record((long) (v * 1e9), TimeUnit.NANOSECONDS),
        v -> nativeTimer.record(Double.isFinite(v) && Math.abs(v) < 1e9 ? Duration.ofNanos((long) (v * 1e9)) : null),
        summary::record, v -> golden.record(Duration.ofNanos((long) Math.abs(v)), v < 0 ? new IllegalStateException("x") : null));
  }

  @Test
  void everyScrapeOfRandomObservationStreamsParsesInEveryFormat() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<String> openMetricsScrapes = new ArrayList<>();
    SpanContext sampled = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getSampled(), TraceState.getDefault());
    for (int round = 0; round < ROUNDS; round++) {
      PrometheusMetrics prometheus = PrometheusMetrics.create();
      try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build()) {
        AtomicReference<Double> gaugeValue = new AtomicReference<>(0.0);
        List<DoubleConsumer> instruments = everyInstrument(obs, gaugeValue);
        for (int i = 0; i < VALUES_PER_ROUND; i++) {
          double value = randomValue(random);
          DoubleConsumer instrument = instruments.get(random.nextInt(instruments.size()));
          if (random.nextBoolean()) {
            try (Scope scope = Span.wrap(sampled).makeCurrent()) {
              instrument.accept(value);
            }
          } else {
            instrument.accept(value);
          }
          if (i % 100 == 99) {
            String context = "seed " + seed + ", round " + round + ", value " + i;
            String text = prometheus.scrape("text/plain; version=0.0.4").body();
            ExternalTool.Result promtoolResult = ExternalTool.run(List.of(promtool.toString(), "check", "metrics"), text);
            // exit 3 is lint only; the one lint finding allowed is the seed's own name
            assertThat(promtoolResult.output().lines().filter(line -> !line.equals(SEED_NAME_LINT)))
                .as(context + "\n" + text).isEmpty();
            assertThat(promtoolResult.exitCode()).as(context + "\n" + promtoolResult.output()).isIn(0, 3);
            openMetricsScrapes.add(prometheus.scrape("application/openmetrics-text; version=1.0.0").body());
            Exposition protobuf = prometheus.scrape(ScrapeFormatTest.PROMETHEUS_PROTOBUF_ACCEPT);
            assertThat(ProtobufScrape.problems(ProtobufScrape.parse(protobuf.bytes()))).as(context).isEmpty();
          }
        }
      }
    }
    ExternalTool.Result parsed = ExternalTool.run(List.of(python.toString(), "-c", OPENMETRICS_PARSER),
        new ObjectMapper().writeValueAsString(openMetricsScrapes));
    assertThat(parsed.exitCode()).as("seed " + seed + "\n" + parsed.output()).isZero();
    assertThat(parsed.output()).contains("failures []");
    assertThat(openMetricsScrapes).hasSize(ROUNDS * VALUES_PER_ROUND / 100)
        .anySatisfy(s -> assertThat(s).contains("observa_metric_rejected_values_total", "trace_id"));
  }
}
