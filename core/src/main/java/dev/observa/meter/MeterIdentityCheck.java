package dev.observa.meter;

import dev.observa.spi.MeterDescriptor;
import dev.observa.spi.MetricsBackend;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * Guards any {@link MetricsBackend}: one exported name (dots folded to underscores) has one instrument
 * type and one set of tag keys. A conflicting registration fails with an {@link IllegalArgumentException}
 * naming both registrations, at registration time. Builders reach a backend only through one of these.
 */
final class MeterIdentityCheck implements MetricsBackend {
  private final MetricsBackend delegate;
  private final ConcurrentHashMap<String, MeterDescriptor> firstByName = new ConcurrentHashMap<>();

  MeterIdentityCheck(MetricsBackend delegate) {
    this.delegate = delegate;
  }

  private void check(MeterDescriptor descriptor) {
    String exported = descriptor.name().replace('.', '_');
    MeterDescriptor first = firstByName.putIfAbsent(exported, descriptor);
    if (first == null) {
      return;
    }
    boolean sameType = first.type() == descriptor.type();
    if (!sameType || !first.tags().keySet().equals(descriptor.tags().keySet())) {
      throw new IllegalArgumentException("Metric '" + descriptor.name() + "' (" + describe(descriptor)
          + ") conflicts with the registered metric '" + first.name() + "' (" + describe(first) + "): one name has"
          + " one type and one set of tag keys");
    }
  }

  private static String describe(MeterDescriptor d) {
    return d.type().name().toLowerCase(java.util.Locale.ROOT) + " with tag keys " + d.tags().keySet();
  }

  @Override
  public Counter counter(MeterDescriptor descriptor) {
    check(descriptor);
    return delegate.counter(descriptor);
  }

  @Override
  public CounterFamily counterFamily(MeterDescriptor descriptor, List<String> tagKeys) {
    check(descriptor.withPerCallKeys(tagKeys));
    return delegate.counterFamily(descriptor, tagKeys);
  }

  @Override
  public Gauge gauge(MeterDescriptor descriptor) {
    check(descriptor);
    return delegate.gauge(descriptor);
  }

  @Override
  public void observe(MeterDescriptor descriptor, DoubleSupplier supplier) {
    check(descriptor);
    delegate.observe(descriptor, supplier);
  }

  @Override
  public void observeCounter(MeterDescriptor descriptor, DoubleSupplier total) {
    check(descriptor);
    delegate.observeCounter(descriptor, total);
  }

  @Override
  public Histogram histogram(MeterDescriptor descriptor) {
    check(descriptor);
    return delegate.histogram(descriptor);
  }

  @Override
  public Summary summary(MeterDescriptor descriptor) {
    check(descriptor);
    return delegate.summary(descriptor);
  }

  @Override
  public Timer timer(MeterDescriptor descriptor) {
    check(descriptor);
    return delegate.timer(descriptor);
  }

  @Override
  public java.util.Map<String, Long> dropSummary() {
    return delegate.dropSummary();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return delegate.unwrap(type);
  }


}
