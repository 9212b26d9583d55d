package dev.observa.internal;

import dev.observa.Observa;
import dev.observa.context.ObservaContext;
import dev.observa.log.Logger;
import dev.observa.meter.CounterBuilder;
import dev.observa.meter.GaugeBuilder;
import dev.observa.meter.GoldenSignalsBuilder;
import dev.observa.meter.HistogramBuilder;
import dev.observa.meter.SummaryBuilder;
import dev.observa.meter.TimerBuilder;
import dev.observa.spi.Diagnostics;
import dev.observa.spi.LoggingBackend;
import dev.observa.spi.MetricsBackend;
import dev.observa.spi.ObservaSettings;
import dev.observa.spi.TracingBackend;
import dev.observa.trace.SpanBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/** The facade: composes one metrics, one tracing and one logging backend over shared settings. */
public final class DefaultObserva implements Observa {
  private static final System.Logger LOSSES = System.getLogger("dev.observa");
  private final ObservaSettings settings;
  private final MeterIdentityCheck metrics;
  private final TracingBackend tracing;
  private final LoggingBackend logging;

  /**
   * @param settings shared settings
   * @param metrics the metrics backend (guarded here against conflicting registrations)
   * @param tracing the tracing backend
   * @param logging the logging backend
   */
  public DefaultObserva(ObservaSettings settings, MetricsBackend metrics, TracingBackend tracing,
      LoggingBackend logging) {
    this.settings = settings;
    this.metrics = new MeterIdentityCheck(metrics);
    this.tracing = tracing;
    this.logging = logging;
    try {
      tracing.bindSelfMetrics(this);
    } catch (RuntimeException e) {
      Diagnostics.warn("self-metrics", "tracing self-metrics unavailable: " + e);
    }
  }

  @Override
  public ObservaSettings settings() {
    return settings;
  }

  @Override
  public ObservaContext context() {
    return ObservaContext.current();
  }

  @Override
  public CounterBuilder counter(String name) {
    return new CounterBuilder(metrics, name);
  }

  @Override
  public GaugeBuilder gauge(String name) {
    return new GaugeBuilder(metrics, name);
  }

  @Override
  public HistogramBuilder histogram(String name) {
    return new HistogramBuilder(metrics, name);
  }

  @Override
  public SummaryBuilder summary(String name) {
    return new SummaryBuilder(metrics, name);
  }

  @Override
  public TimerBuilder timer(String name) {
    return new TimerBuilder(metrics, name);
  }

  @Override
  public GoldenSignalsBuilder goldenSignals(String name) {
    return new GoldenSignalsBuilder(metrics, name);
  }

  @Override
  public SpanBuilder span(String name) {
    return new SpanBuilder(tracing.tracer(), settings, name);
  }

  @Override
  public Logger logger(String name) {
    try {
      return logging.logger(name == null || name.isEmpty() ? "observa" : name);
    } catch (RuntimeException e) {
      Diagnostics.warn("logger.create", "could not create logger '" + name + "': " + e);
      return NoopLogger.INSTANCE;
    }
  }

  @Override
  public <C> void inject(C carrier, TextMapSetter<C> setter) {
    if (carrier == null || setter == null) {
      return;
    }
    try {
      tracing.propagator().inject(Context.current(), carrier, setter);
    } catch (RuntimeException e) {
      Diagnostics.warn("propagation.inject", "inject failed: " + e);
    }
  }

  @Override
  public <C> ObservaContext extract(C carrier, TextMapGetter<C> getter) {
    if (carrier == null || getter == null) {
      return ObservaContext.current();
    }
    try {
      return ObservaContext.from(tracing.propagator().extract(Context.current(), carrier, getter));
    } catch (RuntimeException e) {
      Diagnostics.warn("propagation.extract", "extract failed, starting a fresh trace: " + e);
      return ObservaContext.current();
    }
  }

  @Override
  public TextMapPropagator propagator() {
    return tracing.propagator();
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type == null) {
      return null;
    }
    T found = metrics.delegate().unwrap(type);
    if (found == null) {
      found = tracing.unwrap(type);
    }
    return found != null ? found : logging.unwrap(type);
  }

  @Override
  public void close() {
    GlobalObserva.clearIf(this);
    closeQuietly(metrics);
    closeQuietly(tracing); // flushes: the span counts are final after it
    logLosses();
    closeQuietly(logging);
  }

  /** One line at close with what the metrics and tracing backends lost, by reason; a warning when anything was. */
  private void logLosses() {
    try {
      java.util.Map<String, Long> spans = tracing.dropSummary();
      java.util.Map<String, Long> meters = metrics.dropSummary();
      if (spans.isEmpty() && meters.isEmpty()) {
        return;
      }
      boolean lost = spans.values().stream().anyMatch(n -> n > 0) || meters.values().stream().anyMatch(n -> n > 0);
      LOSSES.log(lost ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
          "[observa] closed; spans lost " + spans + "; metric records lost " + meters);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("close.summary", "loss summary unavailable: " + Diagnostics.describe(e));
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("close", "closing " + closeable.getClass().getName() + " failed: " + Diagnostics.describe(e));
    }
  }
}
