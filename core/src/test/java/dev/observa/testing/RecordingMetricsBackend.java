package dev.observa.testing;

import dev.observa.meter.Counter;
import dev.observa.meter.Gauge;
import dev.observa.meter.Histogram;
import dev.observa.meter.Summary;
import dev.observa.meter.Timer;
import dev.observa.spi.MeterDescriptor;
import dev.observa.spi.MetricsBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.DoubleSupplier;

/**
 * An in-memory metrics backend for core's tests: remembers every descriptor it was asked for and keeps the
 * recorded values of each series (name + tags), so tests assert on what reached the backend.
 */
public final class RecordingMetricsBackend implements MetricsBackend {
  /** Every registration, in order. */
  public final List<MeterDescriptor> registrations = new CopyOnWriteArrayList<>();
  private final Map<String, DoubleAdder> totals = new ConcurrentHashMap<>();
  private final Map<String, List<Double>> values = new ConcurrentHashMap<>();
  private final Map<String, DoubleSupplier> observed = new ConcurrentHashMap<>();
  /** Whether {@link #close()} ran. */
  public volatile boolean closed;

  /** @return the key of one series: {@code name{k=v,…}} with the tags sorted */
  public static String key(String name, Map<String, String> tags) {
    return name + new java.util.TreeMap<>(tags);
  }

  /** @return the counter total or gauge value of a series, 0 when it never recorded */
  public double total(String name, Map<String, String> tags) {
    DoubleSupplier supplier = observed.get(key(name, tags));
    if (supplier != null) {
      return supplier.getAsDouble();
    }
    DoubleAdder total = totals.get(key(name, tags));
    return total == null ? 0 : total.sum();
  }

  /** @return the values a histogram, summary or timer (in seconds) of a series recorded */
  public List<Double> values(String name, Map<String, String> tags) {
    return List.copyOf(values.getOrDefault(key(name, tags), List.of()));
  }

  /** @return the descriptors registered under this name */
  public List<MeterDescriptor> registered(String name) {
    return registrations.stream().filter(d -> d.name().equals(name)).toList();
  }

  private DoubleAdder adder(MeterDescriptor d) {
    registrations.add(d);
    return totals.computeIfAbsent(key(d.name(), d.tags()), k -> new DoubleAdder());
  }

  private List<Double> list(MeterDescriptor d) {
    registrations.add(d);
    return values.computeIfAbsent(key(d.name(), d.tags()), k -> java.util.Collections.synchronizedList(new ArrayList<>()));
  }

  @Override
  public Counter counter(MeterDescriptor descriptor) {
    DoubleAdder total = adder(descriptor);
    return new Counter() {
      @Override
      public void increment() {
        total.add(1);
      }

      @Override
      public void increment(double amount) {
        total.add(amount);
      }
    };
  }

  @Override
  public Gauge gauge(MeterDescriptor descriptor) {
    DoubleAdder value = adder(descriptor);
    return new Gauge() {
      @Override
      public void set(double v) {
        value.reset();
        value.add(v);
      }

      @Override
      public void add(double delta) {
        value.add(delta);
      }
    };
  }

  @Override
  public void observe(MeterDescriptor descriptor, DoubleSupplier supplier) {
    registrations.add(descriptor);
    observed.put(key(descriptor.name(), descriptor.tags()), supplier);
  }

  @Override
  public void observeCounter(MeterDescriptor descriptor, DoubleSupplier total) {
    observe(descriptor, total);
  }

  @Override
  public Histogram histogram(MeterDescriptor descriptor) {
    return list(descriptor)::add;
  }

  @Override
  public Summary summary(MeterDescriptor descriptor) {
    return list(descriptor)::add;
  }

  @Override
  public Timer timer(MeterDescriptor descriptor) {
    List<Double> seconds = list(descriptor);
    return new Timer() {
      @Override
      public void record(Duration duration) {
        seconds.add(duration.toNanos() / 1e9);
      }

      @Override
      public void record(long amount, TimeUnit unit) {
        seconds.add(unit.toNanos(amount) / 1e9);
      }

      @Override
      public void record(Runnable task) {
        long start = System.nanoTime();
        try {
          task.run();
        } finally {
          record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
      }

      @Override
      public <T> T recordCallable(Callable<T> task) throws Exception {
        long start = System.nanoTime();
        try {
          return task.call();
        } finally {
          record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
      }

      @Override
      public Sample start() {
        long start = System.nanoTime();
        return () -> {
          long elapsed = System.nanoTime() - start;
          record(elapsed, TimeUnit.NANOSECONDS);
          return elapsed;
        };
      }
    };
  }

  @Override
  public void close() {
    closed = true;
  }
}
