package dev.observa.meter;

import dev.observa.spi.MetricsBackend;

/**
 * The only place builders are made: every builder registers through this view's {@link MeterIdentityCheck}
 * over the backend.
 */
final class GuardedInstruments implements Instruments {
  private final MetricsBackend guarded;

  GuardedInstruments(MetricsBackend backend) {
    if (backend == null) {
      throw new IllegalArgumentException("metrics backend is null: pass the backend instruments are registered in");
    }
    this.guarded = new MeterIdentityCheck(backend);
  }

  @Override
  public CounterBuilder counter(String name) {
    return new CounterBuilder(guarded, name);
  }

  @Override
  public GaugeBuilder gauge(String name) {
    return new GaugeBuilder(guarded, name);
  }

  @Override
  public HistogramBuilder histogram(String name) {
    return new HistogramBuilder(guarded, name);
  }

  @Override
  public SummaryBuilder summary(String name) {
    return new SummaryBuilder(guarded, name);
  }

  @Override
  public TimerBuilder timer(String name) {
    return new TimerBuilder(guarded, name);
  }

  @Override
  public GoldenSignalsBuilder goldenSignals(String name) {
    return new GoldenSignalsBuilder(guarded, name);
  }
}
