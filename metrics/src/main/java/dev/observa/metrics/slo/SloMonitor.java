package dev.observa.metrics.slo;

import dev.observa.metrics.PrometheusMetrics;
import dev.observa.spi.Diagnostics;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The SLOs seen from inside the process, for apps without Prometheus: it samples the golden-signal
 * instruments' own counts at a fixed interval and exposes
 * {@code observa_slo_error_ratio{slo, window="5m|30m|1h"}} (the SLI error ratio over short recent windows,
 * NaN without traffic) and {@code observa_slo_error_budget_remaining{slo}} (1 − errors / budget, over the
 * process's lifetime: a restart starts a fresh budget).
 *
 * <pre>{@code
 * try (SloMonitor monitor = SloMonitor.start(prometheus, List.of(availability), Duration.ofSeconds(10))) {
 *   double burn = monitor.errorRatio("checkout-availability", Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p>Labels ({@code job}, {@code groupBy}) are not applied: the process sees only its own series. Thread-safe.
 *
 * @since 0.1.0
 */
public final class SloMonitor implements AutoCloseable {
  /** The windows the error ratio is published for. */
  public static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1));

  private final PrometheusRegistry registry;
  private final List<Slo> slos;
  private final LongSupplier nanoClock;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private final GaugeWithCallback ratios;
  private final GaugeWithCallback budgets;
  private final ScheduledExecutorService sampler;

  private record Sample(long nanos, long[] bad, long[] total) {}

  SloMonitor(PrometheusMetrics metrics, List<Slo> slos, LongSupplier nanoClock, Duration interval) {
    this.registry = metrics.registry().getPrometheusRegistry();
    this.slos = List.copyOf(slos);
    this.nanoClock = nanoClock;
    this.ratios = GaugeWithCallback.builder().name("observa_slo_error_ratio")
        .help("SLI error ratio over a recent window, from this process's own counts").labelNames("slo", "window")
        .callback(cb -> {
          for (Slo slo : this.slos) {
            for (Duration window : WINDOWS) {
              cb.call(errorRatio(slo.name(), window), slo.name(), PromDuration.format(window));
            }
          }
        }).build();
    this.budgets = GaugeWithCallback.builder().name("observa_slo_error_budget_remaining")
        .help("Error budget left over this process's lifetime: 1 is untouched, 0 spent, below 0 overspent")
        .labelNames("slo").callback(cb -> this.slos.forEach(slo -> cb.call(budgetRemaining(slo.name()), slo.name())))
        .build();
    registry.register(ratios);
    registry.register(budgets);
    sample();
    if (interval != null) {
      sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "observa-slo-monitor");
        thread.setDaemon(true);
        return thread;
      });
      long millis = interval.toMillis();
      sampler.scheduleAtFixedRate(this::sampleQuietly, millis, millis, TimeUnit.MILLISECONDS);
    } else {
      sampler = null;
    }
  }

  /**
   * @param metrics where the golden signals are recorded
   * @param slos the objectives to follow
   * @param interval how often to sample, e.g. 10 s
   * @return the running monitor
   */
  public static SloMonitor start(PrometheusMetrics metrics, List<Slo> slos, Duration interval) {
    if (interval == null || interval.toMillis() < 10) {
      throw new IllegalArgumentException("SLO monitor interval " + interval + " is invalid: it must be at least 10 ms");
    }
    return new SloMonitor(metrics, slos, System::nanoTime, interval);
  }

  private void sampleQuietly() {
    try {
      sample();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) { // an Error would cancel every later run of the scheduled task
      Diagnostics.warn("slo.sample", "SLO sampling failed: " + Diagnostics.describe(e));
    }
  }

  /** Reads the current counts now (the monitor also does so at its interval). */
  public void sample() {
    MetricSnapshots snapshots = registry.scrape();
    long[] bad = new long[slos.size()];
    long[] total = new long[slos.size()];
    for (int i = 0; i < slos.size(); i++) {
      Slo slo = slos.get(i);
      for (MetricSnapshot snapshot : snapshots) {
        count(slo, snapshot, i, bad, total);
      }
    }
    long now = nanoClock.getAsLong();
    synchronized (samples) {
      samples.addLast(new Sample(now, bad, total));
      long keep = WINDOWS.get(WINDOWS.size() - 1).toNanos() * 2;
      while (samples.size() > 2 && now - samples.peekFirst().nanos() > keep) {
        samples.removeFirst();
      }
    }
  }

  private static void count(Slo slo, MetricSnapshot snapshot, int i, long[] bad, long[] total) {
    String name = snapshot.getMetadata().getPrometheusName();
    OperationMetrics m = slo.metrics();
    if (slo.kind() == SloKind.AVAILABILITY && m.http()) {
      if (snapshot instanceof HistogramSnapshot histogram && name.equals(m.durationSeconds())) {
        for (HistogramSnapshot.HistogramDataPointSnapshot point : histogram.getDataPoints()) {
          if (slo.excludes(point.getLabels().get("http_route"))) {
            continue;
          }
          String errorType = point.getLabels().get(m.errorLabel());
          total[i] += point.getCount();
          if (errorType != null && !errorType.isEmpty()) {
            bad[i] += point.getCount();
          }
        }
      }
    } else if (slo.kind() == SloKind.AVAILABILITY && snapshot instanceof CounterSnapshot counter
        && name.equals(m.requests())) {
      for (CounterSnapshot.CounterDataPointSnapshot point : counter.getDataPoints()) {
        long value = (long) point.getValue();
        total[i] += value;
        if ("error".equals(point.getLabels().get("outcome"))) {
          bad[i] += value;
        }
      }
    } else if (slo.kind() == SloKind.LATENCY && snapshot instanceof HistogramSnapshot histogram
        && name.equals(m.durationSeconds())) {
      for (HistogramSnapshot.HistogramDataPointSnapshot point : histogram.getDataPoints()) {
        if (slo.excludes(point.getLabels().get("http_route"))) {
          continue;
        }
        ClassicHistogramBuckets buckets = point.getClassicBuckets();
        long good = 0;
        for (int b = 0; b < buckets.size(); b++) {
          if (buckets.getUpperBound(b) <= slo.threshold()) {
            good += buckets.getCount(b);
          }
        }
        total[i] += point.getCount();
        bad[i] += point.getCount() - good;
      }
    }
  }

  private int index(String slo) {
    for (int i = 0; i < slos.size(); i++) {
      if (slos.get(i).name().equals(slo)) {
        return i;
      }
    }
    throw new IllegalArgumentException("SLO '" + slo + "' is not followed by this monitor");
  }

  /**
   * @param slo an SLO name
   * @param window how far back to look (limited to what has been sampled)
   * @return errors / requests over the window, or NaN without requests in it
   */
  public double errorRatio(String slo, Duration window) {
    int i = index(slo);
    synchronized (samples) {
      if (samples.size() < 2) {
        return Double.NaN;
      }
      Sample latest = samples.peekLast();
      Sample start = latest;
      Iterator<Sample> it = samples.descendingIterator();
      while (it.hasNext()) {
        Sample candidate = it.next();
        if (latest.nanos() - candidate.nanos() > window.toNanos()) {
          break;
        }
        start = candidate;
      }
      long requests = latest.total()[i] - start.total()[i];
      return requests <= 0 ? Double.NaN : (double) (latest.bad()[i] - start.bad()[i]) / requests;
    }
  }

  /**
   * @param slo an SLO name
   * @return 1 − (errors / requests) / error budget over the process's lifetime; 1 without requests
   */
  public double budgetRemaining(String slo) {
    int i = index(slo);
    Slo declared = slos.get(i);
    synchronized (samples) {
      Sample latest = samples.peekLast();
      if (latest == null || latest.total()[i] == 0) {
        return 1.0;
      }
      double ratio = (double) latest.bad()[i] / latest.total()[i];
      return 1 - ratio / declared.errorBudget();
    }
  }

  /** Stops sampling and removes the gauges. */
  @Override
  public void close() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
    registry.unregister(ratios);
    registry.unregister(budgets);
  }
}
