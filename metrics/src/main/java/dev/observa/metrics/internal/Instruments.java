package dev.observa.metrics.internal;

import dev.observa.meter.Counter;
import dev.observa.meter.Gauge;
import dev.observa.meter.Histogram;
import dev.observa.meter.Summary;
import dev.observa.meter.Timer;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Observa instruments over their data points: Observa's own {@link CounterSeries} and
 * {@link BucketSeries} for counters, histograms and timers, prometheus-metrics data points for gauges and
 * summaries (striped adders the registry reads at scrape time). Every recorded value is guarded, so nothing throws and no sum or
 * count is corrupted by NaN, infinities or negative increments.
 */
final class Instruments {
  private static final double NANOS_PER_SECOND = 1e9;

  private Instruments() {}

  /** Where a record goes: one fixed series, or the series of the current context's tags. */
  @FunctionalInterface
  interface Series<D> {
    D get();
  }

  /**
   * A counter whose series depends on the current context's tags; its series takes exemplars from the current
   * span. Negative, NaN and infinite amounts are refused.
   */
  record PromCounter(Series<CounterSeries> point, String name, RejectedValues rejected)
      implements Counter {
    @Override
    public void increment() {
      point.get().inc();
    }

    @Override
    public void increment(double amount) {
      if (amount >= 0 && amount != Double.POSITIVE_INFINITY) {
        point.get().inc(amount);
      } else {
        rejected.reject(name, RejectedValues.reason(amount), amount);
      }
    }
  }

  /**
   * A counter of one fixed series (no context tags): the record goes straight to the series, and a whole increment
   * straight to the series' adder, held here too, so that the adder is one load from the handle (as a bare
   * {@code LongAdder} field is) rather than two; the series' exemplar check reads the series beside it.
   */
  record FixedCounter(CounterSeries point, LongAdder whole, String name, RejectedValues rejected) implements Counter {
    FixedCounter(CounterSeries point, String name, RejectedValues rejected) {
      this(point, point.wholeAdder(), name, rejected);
    }

    @Override
    public void increment() {
      whole.increment();
      point.sampledWhole(1L);
    }

    @Override
    public void increment(double amount) {
      if (amount >= 0 && amount != Double.POSITIVE_INFINITY) {
        point.inc(amount);
      } else {
        rejected.reject(name, RejectedValues.reason(amount), amount);
      }
    }
  }

  record PromGauge(Series<GaugeDataPoint> point) implements Gauge {
    @Override
    public void set(double value) {
      point.get().set(value);
    }

    @Override
    public void add(double delta) {
      if (Double.isFinite(delta)) {
        point.get().inc(delta);
      }
    }
  }

  /**
   * A histogram or summary. Exemplars are the data point's business: a {@link BucketSeries} takes them
   * from the current span; a summary has none in the exposition formats. NaN and infinities are refused,
   * and negative values unless {@code negativeAllowed} (a histogram with a negative bucket bound).
   */
  record PromDistribution(Series<? extends DistributionDataPoint> point, String name, boolean negativeAllowed,
      RejectedValues rejected) implements Histogram, Summary {
    @Override
    public void record(double value) {
      if (Double.isFinite(value) && (value >= 0 || negativeAllowed)) {
        point.get().observe(value);
      } else {
        rejected.reject(name, RejectedValues.reason(value), value);
      }
    }
  }

  /** A timer: durations, never negative; negative or null ones are refused. */
  record PromTimer(Series<? extends DistributionDataPoint> point, String name, RejectedValues rejected)
      implements Timer {
    private void recordNanos(long nanos) {
      point.get().observe(nanos / NANOS_PER_SECOND);
    }

    @Override
    public void record(Duration duration) {
      if (duration != null && !duration.isNegative()) {
        point.get().observe(duration.getSeconds() + duration.getNano() / NANOS_PER_SECOND);
      } else {
        rejected.reject(name, duration == null ? "invalid" : "negative", duration);
      }
    }

    @Override
    public void record(long amount, TimeUnit unit) {
      if (amount >= 0 && unit != null) {
        recordNanos(unit.toNanos(amount));
      } else {
        rejected.reject(name, unit == null ? "invalid" : "negative", amount + " " + unit);
      }
    }

    @Override
    public void record(Runnable task) {
      long start = System.nanoTime();
      try {
        task.run();
      } finally {
        recordNanos(System.nanoTime() - start);
      }
    }

    @Override
    public <T> T recordCallable(Callable<T> task) throws Exception {
      long start = System.nanoTime();
      try {
        return task.call();
      } finally {
        recordNanos(System.nanoTime() - start);
      }
    }

    @Override
    public Sample start() {
      long start = System.nanoTime();
      return new Sample() {
        private boolean stopped;

        @Override
        public long stop() {
          long elapsed = System.nanoTime() - start;
          if (!stopped) {
            stopped = true;
            recordNanos(elapsed);
          }
          return elapsed;
        }
      };
    }
  }
}
