package dev.observa.meter;

import dev.observa.spi.MetricsBackend;

/**
 * The instrument builders of one {@code Observa} instance. {@code Observa} extends this interface, so
 * applications simply call {@code obs.counter(…)}; a tracing or logging backend that registers
 * self-metrics receives it instead of the whole facade.
 *
 * <pre>{@code
 * Counter orders = obs.counter("orders.placed").tag("region", "eu").register();
 * Timer latency = obs.timer("checkout.duration").register();
 * }</pre>
 *
 * <p>Builders validate names when they are made and fail with an {@link IllegalArgumentException} naming the
 * bad value; one exported name has one instrument type and one set of tag keys. Thread-safe.
 *
 * @since 0.1.0
 */
public interface Instruments {

  /**
   * The builders over a metrics backend, for a facade implementation; applications get theirs from
   * {@code Observa}, which holds one. Builders have no other way to a backend: each view checks that a name
   * keeps one type and one set of tag keys across everything registered through it.
   *
   * <pre>{@code
   * Instruments instruments = Instruments.of(provider.createBackend(settings));
   * }</pre>
   *
   * @param backend the backend instruments are registered in
   * @return the builders
   */
  static Instruments of(MetricsBackend backend) {
    return new GuardedInstruments(backend);
  }

  /**
   * @param name in {@code lower.dot.case} or {@code snake_case}
   * @return a counter builder
   * @throws IllegalArgumentException if the name cannot map to the Prometheus data model
   */
  CounterBuilder counter(String name);

  /**
   * @param name see {@link #counter}
   * @return a gauge builder
   */
  GaugeBuilder gauge(String name);

  /**
   * @param name see {@link #counter}
   * @return a histogram builder
   */
  HistogramBuilder histogram(String name);

  /**
   * @param name see {@link #counter}
   * @return a summary builder
   */
  SummaryBuilder summary(String name);

  /**
   * @param name see {@link #counter}
   * @return a timer builder (histogram in seconds)
   */
  TimerBuilder timer(String name);

  /**
   * @param name the operation name; its metrics are {@code <name>.duration}, {@code <name>.requests},
   *     {@code <name>.in_flight}
   * @return a builder for the four golden signals of one operation
   */
  GoldenSignalsBuilder goldenSignals(String name);
}
