package dev.observa.meter;

import dev.observa.spi.MeterNameRules;
import dev.observa.spi.MetricsBackend;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.DoubleSupplier;

/**
 * Builds {@link GoldenSignals} for one operation:
 * {@code obs.goldenSignals("checkout").tag("route", "/cart").slowAfter(Duration.ofSeconds(5)).register()}.
 * Registering the same name and tags again records into the same series.
 *
 * @since 0.1.0
 */
public final class GoldenSignalsBuilder {
  private static final String ERROR_TYPE = "error.type";

  /** Stands in for the in-flight gauge when it is left out. */
  private static final Gauge NO_IN_FLIGHT = new Gauge() {
    @Override
    public void set(double value) {}

    @Override
    public void add(double delta) {}
  };

  private final MetricsBackend backend;
  private final String name;
  private final TreeMap<String, String> tags = new TreeMap<>();
  private String description = "";
  private double[] buckets;
  private double nativeFactor;
  private Duration slowAfter;
  private DoubleSupplier utilization;
  private int maxSeries = dev.observa.spi.MeterDescriptor.DEFAULT_MAX_SERIES;
  private boolean inFlight = true;

  GoldenSignalsBuilder(MetricsBackend backend, String name) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.name = MeterNameRules.requireValidName(name);
  }

  /**
   * @param description what the operation is; used in the help texts
   * @return this
   */
  public GoldenSignalsBuilder description(String description) {
    this.description = description == null ? "" : description;
    return this;
  }

  /**
   * @param key a tag key on all the operation's metrics ({@code outcome} and {@code error.type} are reserved)
   * @param value its value
   * @return this
   */
  public GoldenSignalsBuilder tag(String key, String value) {
    MeterNameRules.requireValidTagKey(name, key);
    if (key.equals("outcome") || key.equals(ERROR_TYPE) || key.equals("error_type")) {
      throw new IllegalArgumentException("Tag key '" + key + "' of golden signals '" + name + "' is reserved");
    }
    tags.put(key, value == null ? "" : value);
    return this;
  }

  /**
   * @param tags tags on all the operation's metrics
   * @return this
   */
  public GoldenSignalsBuilder tags(Map<String, String> tags) {
    tags.forEach(this::tag);
    return this;
  }

  /**
   * @param boundsSeconds latency bucket bounds in seconds; default {@link Buckets#DEFAULT_LATENCY_SECONDS}
   * @return this
   */
  public GoldenSignalsBuilder buckets(double... boundsSeconds) {
    Buckets.explicit(boundsSeconds);
    this.buckets = boundsSeconds.clone();
    return this;
  }

  /**
   * @param factor the duration histogram's native bucket factor, e.g. {@code 1.1}; see
   *     {@link TimerBuilder#nativeBuckets}
   * @return this
   */
  public GoldenSignalsBuilder nativeBuckets(double factor) {
    NativeBuckets.ofFactor(factor);
    this.nativeFactor = factor;
    return this;
  }

  /**
   * Counts a success that took longer than this as an error ({@code error="slow"}): a 60 s "success" is
   * not what users asked for.
   *
   * @param limit positive duration
   * @return this
   */
  public GoldenSignalsBuilder slowAfter(Duration limit) {
    if (limit == null || limit.isZero() || limit.isNegative()) {
      throw new IllegalArgumentException("slowAfter of golden signals '" + name + "' is " + limit + ": it must be positive");
    }
    this.slowAfter = limit;
    return this;
  }

  /**
   * Adds a {@code <name>.utilization} gauge read at scrape time (0 to 1: how full a pool or queue is).
   *
   * @param utilization the value source, held strongly
   * @return this
   */
  public GoldenSignalsBuilder utilization(DoubleSupplier utilization) {
    this.utilization = Objects.requireNonNull(utilization, "utilization");
    return this;
  }

  /**
   * @param maxSeries the cardinality budget of each of the operation's metrics
   * @return this
   */
  public GoldenSignalsBuilder maxSeries(int maxSeries) {
    if (maxSeries < 1) {
      throw new IllegalArgumentException("maxSeries of golden signals '" + name + "' is " + maxSeries + ": it must be at least 1");
    }
    this.maxSeries = maxSeries;
    return this;
  }

  /**
   * Leaves out the {@code <name>.in_flight} gauge, for callers that learn the tags (e.g. an HTTP route) only
   * after the operation ends and count operations in flight elsewhere.
   *
   * @return this
   */
  public GoldenSignalsBuilder withoutInFlight() {
    this.inFlight = false;
    return this;
  }

  /** @return the golden signals of the operation */
  public GoldenSignals register() {
    String help = description.isEmpty() ? name : description;
    TimerBuilder timer = new TimerBuilder(backend, name + ".duration").description(help + ": latency")
        .tags(tags).maxSeries(maxSeries);
    if (buckets != null) {
      timer.buckets(buckets);
    }
    if (nativeFactor > 0) {
      timer.nativeBuckets(nativeFactor);
    }
    Gauge inFlight = this.inFlight
        ? new GaugeBuilder(backend, name + ".in_flight").description(help + ": operations in flight")
            .tags(tags).maxSeries(maxSeries).register()
        : NO_IN_FLIGHT;
    if (utilization != null) {
      new GaugeBuilder(backend, name + ".utilization").description(help + ": utilisation, 0 to 1")
          .tags(tags).maxSeries(maxSeries).observe(utilization);
    }
    return new GoldenSignals(timer.register(), requests(GoldenSignals.SUCCESS, GoldenSignals.NO_ERROR, help),
        inFlight, errorType -> requests(GoldenSignals.ERROR, errorType, help),
        slowAfter == null ? 0 : slowAfter.toNanos(), maxSeries);
  }

  private Counter requests(String outcome, String error, String help) {
    return new CounterBuilder(backend, name + ".requests").description(help + ": requests by outcome")
        .tags(tags).tag("outcome", outcome).tag(ERROR_TYPE, error).maxSeries(maxSeries).register();
  }
}
