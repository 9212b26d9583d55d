package dev.observa.spring.observation;

import dev.observa.Observa;
import dev.observa.meter.GoldenSignals;
import dev.observa.spi.Diagnostics;
import io.micrometer.observation.Observation;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The golden signals of observations other than HTTP, one set per observation name ({@code
 * tasks.scheduled.execution} → {@code tasks_scheduled_execution_requests_total}, {@code _duration_seconds}…),
 * never tagged by key values (they may come from request data). Names come from code, but a library could
 * still make them up per call: at most {@value #MAX_NAMES} names get metrics; a name Observa's rules or its
 * name guard refuse gets none (reported once).
 */
final class ObservationNames {
  static final int MAX_NAMES = 256;

  private final Observa observa;
  private final int maxSeries;
  private final Map<String, Optional<GoldenSignals>> signals = new ConcurrentHashMap<>();

  ObservationNames(Observa observa, int maxSeries) {
    this.observa = observa;
    this.maxSeries = maxSeries;
  }

  /** @return the operation measuring this observation, or null when its name gets no metrics */
  GoldenSignals.Operation start(Observation.Context context) {
    String name = context.getName();
    if (name == null || name.isEmpty()) {
      return null;
    }
    Optional<GoldenSignals> found = signals.get(name);
    if (found == null) {
      if (signals.size() >= MAX_NAMES) {
        Diagnostics.warn("observation.names", "more than " + MAX_NAMES + " observation names: " + name + " gets no metrics");
        return null;
      }
      found = signals.computeIfAbsent(name, this::register);
    }
    return found.map(GoldenSignals::start).orElse(null);
  }

  private Optional<GoldenSignals> register(String name) {
    try {
      return Optional.of(observa.goldenSignals(name).maxSeries(maxSeries).register());
    } catch (IllegalArgumentException e) {
      Diagnostics.warn("observation.names", "observation " + name + " gets no metrics: " + e.getMessage());
      return Optional.empty();
    }
  }
}
