package dev.observa.samples.rpc;

import dev.observa.Observa;
import dev.observa.meter.GoldenSignals;
import dev.observa.meter.Histogram;
import dev.observa.meter.Summary;
import dev.observa.metrics.MetricsHttpServer;
import dev.observa.metrics.PrometheusMetrics;
import dev.observa.tracing.OtelTracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/**
 * The seed's Prometheus client demo on Observa, without Spring: three RPC services whose latencies follow
 * uniform, normal and exponential distributions. Every simulated call runs in a sampled span, so the
 * histogram's buckets carry exemplars.
 *
 * <ul>
 *   <li>{@code rpc_durations_seconds{service}}: a summary with objectives 0.5:0.05, 0.9:0.01, 0.99:0.001;</li>
 *   <li>{@code rpc_durations_histogram_seconds}: the normal service's latencies in 20 linear buckets from
 *       {@code normMean − 5·normDomain}, width {@code 0.5·normDomain}, and native buckets of factor 1.1
 *       (schema 3, served in Prometheus' protobuf format to a Prometheus with native histograms). Its first
 *       buckets are negative, so, as OpenMetrics requires, it exposes no {@code _sum}.</li>
 *   <li>{@code rpc_duration_seconds}, {@code rpc_requests_total}, {@code rpc_in_flight}: the golden signals of
 *       every call ({@code obs.goldenSignals("rpc")}, tagged {@code service}); one exponential call in 200 fails
 *       with a simulated timeout. The SLOs in {@code slo.yaml} are declared over them, and
 *       {@code dashboards/rpc-metrics.json} is the Grafana dashboard generated from those SLOs.</li>
 * </ul>
 *
 * <p>Unlike the seed, whose normal service draws negative "latencies" half the time, latencies here are
 * non-negative, as real ones are: the normal service draws from the same normal distribution truncated at
 * zero. (A summary refuses negative values: a negative quantile would make OpenMetrics parsers reject the
 * whole scrape.)
 *
 * <p>{@code java -jar samples/rpc-metrics/target/rpc-metrics.jar [--port N]} (default 8080), then
 * {@code curl -H 'Accept: application/openmetrics-text' localhost:8080/metrics}.
 */
public final class RpcMetricsDemo implements AutoCloseable {
  static final double UNIFORM_DOMAIN = 0.0002;
  static final double NORM_DOMAIN = 0.0002;
  static final double NORM_MEAN = 0.00001;
  static final long OSCILLATION_PERIOD_MILLIS = TimeUnit.MINUTES.toMillis(10);

  private final Observa observa;
  private final MetricsHttpServer server;
  private final List<Thread> services = new ArrayList<>();
  private final long start = System.nanoTime();
  private volatile boolean running = true;

  private RpcMetricsDemo(int port) throws java.io.IOException {
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    this.observa = Observa.builder().serviceName("rpc-metrics").metrics(prometheus)
        .tracing(OtelTracing.builder().build()).build();
    Histogram histogram = observa.histogram("rpc.durations.histogram").baseUnit("seconds")
        .description("RPC latency distributions.")
        .linearBuckets(NORM_MEAN - 5 * NORM_DOMAIN, 0.5 * NORM_DOMAIN, 20).nativeBuckets(1.1).register();
    Random random = new Random();
    service("uniform", 100, () -> random.nextDouble() * UNIFORM_DOMAIN, null);
    service("normal", 75, () -> truncatedNormal(random), histogram);
    service("exponential", 50, () -> -Math.log(1 - random.nextDouble()) / 1e6, null);
    this.server = MetricsHttpServer.builder(prometheus).port(port).start();
  }

  /**
   * @param port the metrics port; 0 picks a free one
   * @return the running demo
   * @throws java.io.IOException if the port cannot be bound
   */
  public static RpcMetricsDemo start(int port) throws java.io.IOException {
    return new RpcMetricsDemo(port);
  }

  private void service(String name, long baseSleepMillis, DoubleSupplier latency, Histogram histogram) {
    GoldenSignals calls = observa.goldenSignals("rpc").tag("service", name).register();
    long[] count = {0};
    Summary summary = observa.summary("rpc.durations").baseUnit("seconds").description("RPC latency distributions.")
        .tag("service", name).quantile(0.5, 0.05).quantile(0.9, 0.01).quantile(0.99, 0.001).register();
    Thread thread = new Thread(() -> {
      while (running) {
        observa.span("rpc").attribute("service", name).run(() -> {
          double seconds = latency.getAsDouble();
          summary.record(seconds);
          calls.record(Duration.ofNanos((long) (Math.max(0, seconds) * 1e9)),
              name.equals("exponential") && ++count[0] % 200 == 0 ? new TimeoutException("simulated timeout") : null);
          if (histogram != null) {
            histogram.record(seconds);
          }
        });
        try {
          Thread.sleep((long) (baseSleepMillis * oscillationFactor()));
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "rpc-" + name);
    thread.setDaemon(true);
    thread.start();
    services.add(thread);
  }

  /**
   * @param random the source
   * @return a draw from the seed's normal distribution ({@code normMean}, {@code normDomain}) truncated at
   *     zero, by redrawing (at most 64 times; about 2 on average)
   */
  static double truncatedNormal(Random random) {
    for (int i = 0; i < 64; i++) {
      double value = random.nextGaussian() * NORM_DOMAIN + NORM_MEAN;
      if (value >= 0) {
        return value;
      }
    }
    return NORM_MEAN;
  }

  /** Like the Go demo: the request rate swings slowly around its base. */
  private double oscillationFactor() {
    double elapsedMillis = (System.nanoTime() - start) / 1e6;
    return 2 + Math.sin(Math.sin(2 * Math.PI * elapsedMillis / OSCILLATION_PERIOD_MILLIS));
  }

  /** @return the port metrics are served on */
  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    running = false;
    services.forEach(Thread::interrupt);
    server.close();
    observa.close();
  }

  /**
   * @param args {@code [--port N]}
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = 8080;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (args[i].startsWith("--port=")) {
        port = Integer.parseInt(args[i].substring("--port=".length()));
      }
    }
    RpcMetricsDemo demo = start(port);
    System.out.println("Serving metrics on http://localhost:" + demo.port() + "/metrics");
    Thread.currentThread().join();
  }
}
