package dev.observa.metrics.internal;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * One series of a counter: whole increments go to a striped long (the common case, and as cheap as a
 * bare {@link LongAdder}), fractional ones to a striped double; one exemplar slot.
 */
final class CounterSeries extends LiveSeries implements CounterDataPoint, CounterPoint {
  /** Whole amounts up to here are added as longs, exactly. */
  private static final double MAX_EXACT = 1L << 53;

  private final LongAdder whole = new LongAdder();
  private final DoubleAdder fractional = new DoubleAdder();

  CounterSeries(LiveFamily<?> family, Labels labels) {
    super(family, labels, 1);
  }

  @Override
  public void inc() {
    whole.increment();
    sampledWhole(1L);
  }

  @Override
  public void inc(long amount) {
    whole.add(amount);
    sampledWhole(amount);
  }

  /** @return the adder of whole increments, for a handle that adds to it directly ({@link #sampledWhole} after) */
  LongAdder wholeAdder() {
    return whole;
  }

  /** What follows a whole increment added to {@link #wholeAdder()}: the exemplar check. */
  void sampledWhole(long amount) {
    sampleExemplar(0, amount, null);
  }

  /** @param amount a finite, non-negative amount (callers filter the rest) */
  @Override
  public void inc(double amount) {
    add(amount);
    sampleExemplar(0, amount, null);
  }

  @Override
  public void incWithExemplar(double amount, Labels labels) {
    add(amount);
    sampleExemplar(0, amount, labels);
  }

  private void add(double amount) {
    if (amount == (long) amount && amount <= MAX_EXACT) {
      whole.add((long) amount);
    } else {
      fractional.add(amount);
    }
  }

  @Override
  public double get() {
    return whole.sum() + fractional.sum();
  }

  @Override
  public Exemplar exemplar() {
    return exemplar(0);
  }

  @Override
  public double value() {
    return get();
  }

  @Override
  public long getLongValue() {
    return whole.sum() + (long) fractional.sum();
  }
}
