package dev.observa.metrics.internal;

import dev.observa.meter.Counter;
import dev.observa.meter.CounterFamily;
import dev.observa.spi.Diagnostics;
import java.util.List;
import java.util.function.Function;

/**
 * {@link CounterFamily} on the Prometheus record path: the per-call values are looked up in a
 * {@link TagValuesTable} (no allocation once a series exists); a new combination is placed among the
 * fixed tag values, goes through the {@link GuardedFamily} (which enforces the series budget), and is
 * kept while the family is within budget.
 */
final class PromCounterFamily implements CounterFamily {
  private static final Counter NOWHERE = new Counter() {
    @Override
    public void increment() {}

    @Override
    public void increment(double amount) {}
  };

  private final String name;
  private final int arity;
  /** All label values in label order, the per-call positions left null. */
  private final String[] template;
  /** Where each per-call value goes in {@link #template}. */
  private final int[] positions;
  private final Function<String[], Counter> resolve;
  private final TagValuesTable<Counter> counters;

  /**
   * @param name the meter name, for diagnostics
   * @param template label values in label order, per-call positions null
   * @param positions per-call value positions in the template
   * @param resolve makes the counter of a full label-value array
   * @param maxSeries the series budget
   */
  PromCounterFamily(String name, String[] template, int[] positions, Function<String[], Counter> resolve,
      int maxSeries) {
    this.name = name;
    this.arity = positions.length;
    this.template = template;
    this.positions = positions;
    this.resolve = resolve;
    this.counters = new TagValuesTable<>(maxSeries);
  }

  @Override
  public Counter withTagValues(String value) {
    String v = value == null ? "" : value;
    Counter counter = arity == 1 ? counters.get(v) : null;
    return counter != null ? counter : resolve(new String[] {v});
  }

  @Override
  public Counter withTagValues(String first, String second) {
    String a = first == null ? "" : first;
    String b = second == null ? "" : second;
    Counter counter = arity == 2 ? counters.get(a, b) : null;
    return counter != null ? counter : resolve(new String[] {a, b});
  }

  @Override
  public Counter withTagValues(String... values) {
    if (values == null || values.length != arity) {
      return wrongArity(values == null ? 0 : values.length);
    }
    String[] normalized = values.clone();
    for (int i = 0; i < normalized.length; i++) {
      if (normalized[i] == null) {
        normalized[i] = "";
      }
    }
    Counter counter = counters.get(normalized);
    return counter != null ? counter : resolve(normalized);
  }

  private Counter resolve(String[] values) {
    if (values.length != arity) {
      return wrongArity(values.length);
    }
    String[] labelValues = template.clone();
    for (int i = 0; i < arity; i++) {
      labelValues[positions[i]] = values[i];
    }
    Counter counter = resolve.apply(labelValues);
    counters.put(values, counter);
    return counter;
  }

  private Counter wrongArity(int given) {
    Diagnostics.warn("counter.family.arity." + name, "metric '" + name + "' takes " + arity + " tag values; got "
        + given + ": not recorded");
    return NOWHERE;
  }

  /** @return the position of each per-call key among the sorted label keys */
  static int[] positions(List<String> sortedKeys, List<String> perCallKeys) {
    int[] positions = new int[perCallKeys.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = sortedKeys.indexOf(perCallKeys.get(i));
    }
    return positions;
  }
}
