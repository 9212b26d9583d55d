package dev.observa.spi;

import dev.observa.meter.Counter;
import dev.observa.meter.CounterFamily;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The portable {@link CounterFamily}: each new combination of values becomes a descriptor with all its
 * tags and goes through {@link MetricsBackend#counter}; at most {@code maxSeries} combinations are cached,
 * beyond that each call resolves again (the backend caps the series themselves).
 */
final class DescriptorCounterFamily implements CounterFamily {
  /** Handed out for a call with the wrong number of values: records nothing. */
  private static final Counter NOT_RECORDED = new Counter() {
    @Override
    public void increment() {}

    @Override
    public void increment(double amount) {}
  };

  private final MetricsBackend backend;
  private final MeterDescriptor descriptor;
  private final List<String> tagKeys;
  private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

  DescriptorCounterFamily(MetricsBackend backend, MeterDescriptor descriptor, List<String> tagKeys) {
    this.backend = backend;
    this.descriptor = descriptor;
    this.tagKeys = tagKeys;
  }

  @Override
  public Counter withTagValues(String value) {
    return withTagValues(new String[] {value});
  }

  @Override
  public Counter withTagValues(String first, String second) {
    return withTagValues(new String[] {first, second});
  }

  @Override
  public Counter withTagValues(String... values) {
    if (values == null || values.length != tagKeys.size()) {
      Diagnostics.warn("counter.family.arity." + descriptor.name(), "metric '" + descriptor.name() + "' takes "
          + tagKeys.size() + " tag values " + tagKeys + "; got " + (values == null ? 0 : values.length)
          + ": not recorded");
      return NOT_RECORDED;
    }
    List<String> key = Arrays.asList(normalized(values));
    Counter counter = counters.get(key);
    if (counter != null) {
      return counter;
    }
    Map<String, String> tags = new TreeMap<>(descriptor.tags());
    for (int i = 0; i < values.length; i++) {
      tags.put(tagKeys.get(i), key.get(i));
    }
    counter = backend.counter(descriptor.withTags(tags));
    if (counters.size() < descriptor.maxSeries()) {
      counters.putIfAbsent(key, counter);
    }
    return counter;
  }

  private static String[] normalized(String[] values) {
    String[] copy = values.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] == null) {
        copy[i] = "";
      }
    }
    return copy;
  }
}
