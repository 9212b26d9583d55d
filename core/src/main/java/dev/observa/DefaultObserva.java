package dev.observa;

import dev.observa.context.ObservaContext;
import dev.observa.internal.NoopLogger;
import dev.observa.internal.NoopMetricsBackend;
import dev.observa.internal.NoopTracingBackend;
import dev.observa.log.Logger;
import dev.observa.meter.CounterBuilder;
import dev.observa.meter.GaugeBuilder;
import dev.observa.meter.GoldenSignalsBuilder;
import dev.observa.meter.HistogramBuilder;
import dev.observa.meter.Instruments;
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
final class DefaultObserva implements Observa {
  private static final System.Logger LOSSES = System.getLogger("dev.observa");
  private final ObservaSettings settings;
  private final MetricsBackend metrics;
  private final Instruments instruments;
  private final TracingBackend tracing;
  private final LoggingBackend logging;
  private final int maxAttributeLength;

  /**
   * @param settings shared settings
   * @param metrics the metrics backend (instruments reach it through a check against conflicting registrations)
   * @param tracing the tracing backend
   * @param logging the logging backend
   */
  DefaultObserva(ObservaSettings settings, MetricsBackend metrics, TracingBackend tracing, LoggingBackend logging) {
    this.settings = settings;
    this.metrics = metrics;
    this.instruments = Instruments.of(metrics);
    this.tracing = tracing;
    this.logging = logging;
    this.maxAttributeLength = maxAttributeLength(tracing);
    try {
      tracing.bindSelfMetrics(instruments);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("self-metrics", "tracing self-metrics unavailable: " + Diagnostics.describe(e));
    }
  }

  private static int maxAttributeLength(TracingBackend tracing) {
    try {
      return tracing.maxAttributeLength();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return SpanBuilder.DEFAULT_MAX_ATTRIBUTE_LENGTH;
    }
  }

  /** @return the shared instance that records nothing */
  static Observa noop() {
    return Noop.INSTANCE;
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
    return instruments.counter(name);
  }

  @Override
  public GaugeBuilder gauge(String name) {
    return instruments.gauge(name);
  }

  @Override
  public HistogramBuilder histogram(String name) {
    return instruments.histogram(name);
  }

  @Override
  public SummaryBuilder summary(String name) {
    return instruments.summary(name);
  }

  @Override
  public TimerBuilder timer(String name) {
    return instruments.timer(name);
  }

  @Override
  public GoldenSignalsBuilder goldenSignals(String name) {
    return instruments.goldenSignals(name);
  }

  @Override
  public SpanBuilder span(String name) {
    return new SpanBuilder(tracing.tracer(), settings, name, maxAttributeLength);
  }

  @Override
  public Logger logger(String name) {
    try {
      return logging.logger(name == null || name.isEmpty() ? "observa" : name);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("logger.create", "could not create logger '" + name + "': " + Diagnostics.describe(e));
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
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("propagation.inject", "inject failed: " + Diagnostics.describe(e));
    }
  }

  @Override
  public <C> ObservaContext extract(C carrier, TextMapGetter<C> getter) {
    if (carrier == null || getter == null) {
      return ObservaContext.current();
    }
    try {
      return ObservaContext.from(tracing.propagator().extract(Context.current(), carrier, getter));
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("propagation.extract", "extract failed, starting a fresh trace: " + Diagnostics.describe(e));
      return ObservaContext.current();
    }
  }

  @Override
  public <C> ObservaContext extract(C carrier, TextMapGetter<C> getter, String remoteAddress) {
    if (carrier == null || getter == null) {
      return ObservaContext.current();
    }
    try {
      Context extracted = tracing.propagator().extract(Context.current(), carrier, getter);
      return ObservaContext.from(tracing.markCaller(extracted, remoteAddress));
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      Diagnostics.warn("propagation.extract", "extract failed, starting a fresh trace: " + Diagnostics.describe(e));
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
    T found = metrics.unwrap(type);
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

  /** Built on first use: the no-op backends are cheap, but a facade that is never asked for costs nothing. */
  private static final class Noop {
    static final Observa INSTANCE = new DefaultObserva(ObservaSettings.defaults(), NoopMetricsBackend.INSTANCE,
        NoopTracingBackend.INSTANCE, NoopLogger.INSTANCE);

    private Noop() {}
  }
}
