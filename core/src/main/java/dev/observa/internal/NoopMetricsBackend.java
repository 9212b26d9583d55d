package dev.observa.internal;

import dev.observa.meter.Counter;
import dev.observa.meter.Gauge;
import dev.observa.meter.Histogram;
import dev.observa.meter.Summary;
import dev.observa.meter.Timer;
import dev.observa.spi.MeterDescriptor;
import dev.observa.spi.MetricsBackend;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/** Hands out shared instruments that do nothing; timers still run the timed code. */
public final class NoopMetricsBackend implements MetricsBackend {
  /** The instance. */
  public static final NoopMetricsBackend INSTANCE = new NoopMetricsBackend();

  private static final Counter COUNTER = new Counter() {
    @Override
    public void increment() {}

    @Override
    public void increment(double amount) {}
  };
  private static final Gauge GAUGE = new Gauge() {
    @Override
    public void set(double value) {}

    @Override
    public void add(double delta) {}
  };
  private static final Histogram HISTOGRAM = value -> {};
  private static final Summary SUMMARY = value -> {};
  private static final Timer.Sample SAMPLE = () -> 0L;
  private static final Timer TIMER = new Timer() {
    @Override
    public void record(Duration duration) {}

    @Override
    public void record(long amount, TimeUnit unit) {}

    @Override
    public void record(Runnable task) {
      task.run();
    }

    @Override
    public <T> T recordCallable(Callable<T> task) throws Exception {
      return task.call();
    }

    @Override
    public Sample start() {
      return SAMPLE;
    }
  };

  private NoopMetricsBackend() {}

  @Override
  public Counter counter(MeterDescriptor descriptor) {
    return COUNTER;
  }

  @Override
  public Gauge gauge(MeterDescriptor descriptor) {
    return GAUGE;
  }

  @Override
  public void observe(MeterDescriptor descriptor, DoubleSupplier supplier) {}

  @Override
  public void observeCounter(MeterDescriptor descriptor, DoubleSupplier total) {}

  @Override
  public Histogram histogram(MeterDescriptor descriptor) {
    return HISTOGRAM;
  }

  @Override
  public Summary summary(MeterDescriptor descriptor) {
    return SUMMARY;
  }

  @Override
  public Timer timer(MeterDescriptor descriptor) {
    return TIMER;
  }
}
