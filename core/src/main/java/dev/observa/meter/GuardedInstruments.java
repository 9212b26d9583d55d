package dev.observa.meter;

import dev.observa.spi.MetricsBackend;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The only place builders are made: each builder registers through a {@link MeterIdentityCheck} over the
 * backend, and all views of one backend share that check's registrations (held while the backend lives).
 */
final class GuardedInstruments implements Instruments {
  /** Backend → its identity check. The check does not reference the backend, so entries can be collected. */
  private static final Map<MetricsBackend, MeterIdentityCheck.Registrations> REGISTRATIONS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final MetricsBackend guarded;

  GuardedInstruments(MetricsBackend backend) {
    if (backend == null) {
      throw new IllegalArgumentException("metrics backend is null: pass the backend instruments are registered in");
    }
    MetricsBackend raw = backend instanceof MeterIdentityCheck check ? check.delegate() : backend;
    this.guarded = new MeterIdentityCheck(raw,
        REGISTRATIONS.computeIfAbsent(raw, unused -> new MeterIdentityCheck.Registrations()));
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
