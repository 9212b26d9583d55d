package dev.observa.metrics.internal;

import dev.observa.meter.Counter;
import dev.observa.meter.Gauge;
import dev.observa.meter.Histogram;
import dev.observa.meter.Summary;
import dev.observa.meter.Timer;
import dev.observa.spi.Diagnostics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import io.prometheus.metrics.model.snapshots.Labels;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The Observa instruments over prometheus-metrics data points (striped adders and bucket arrays that
 * the registry reads at scrape time). Every recorded value is guarded, so nothing throws and no sum or
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

  static void observe(Series<DistributionDataPoint> point, ExemplarLabels exemplars, double value) {
    Labels labels = exemplars.isEmpty() ? null : exemplars.current();
    if (labels == null) {
      point.get().observe(value);
    } else {
      point.get().observeWithExemplar(value, labels);
    }
  }

  static void rejected(String kind, String meter, Object value) {
    Diagnostics.warn(kind, "ignored value " + value + " recorded into '" + meter + "'");
  }

  record PromCounter(Series<CounterDataPoint> point, String name, ExemplarLabels exemplars) implements Counter {
    @Override
    public void increment() {
      add(1.0);
    }

    private void add(double amount) {
      Labels labels = exemplars.isEmpty() ? null : exemplars.current();
      if (labels == null) {
        point.get().inc(amount);
      } else {
        point.get().incWithExemplar(amount, labels);
      }
    }

    @Override
    public void increment(double amount) {
      if (amount >= 0 && amount != Double.POSITIVE_INFINITY) {
        add(amount);
      } else {
        rejected("counter.invalid", name, amount);
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

  record PromDistribution(Series<DistributionDataPoint> point, String name, ExemplarLabels exemplars) implements Histogram, Summary {
    @Override
    public void record(double value) {
      if (Double.isFinite(value)) {
        observe(point, exemplars, value);
      } else {
        rejected("distribution.invalid", name, value);
      }
    }
  }

  record PromTimer(Series<DistributionDataPoint> point, String name, ExemplarLabels exemplars) implements Timer {
    private void recordNanos(long nanos) {
      observe(point, exemplars, nanos / NANOS_PER_SECOND);
    }

    @Override
    public void record(Duration duration) {
      if (duration != null && !duration.isNegative()) {
        observe(point, exemplars, duration.getSeconds() + duration.getNano() / NANOS_PER_SECOND);
      } else {
        rejected("timer.invalid", name, duration);
      }
    }

    @Override
    public void record(long amount, TimeUnit unit) {
      if (amount >= 0 && unit != null) {
        recordNanos(unit.toNanos(amount));
      } else {
        rejected("timer.invalid", name, amount + " " + unit);
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
