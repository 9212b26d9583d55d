package dev.observa.tracing.internal;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The meter provider of the batch span processors Observa builds itself (for the exporters given to
 * {@code OtelTracing.Builder.exporter} and the tenant routes): of every instrument a processor makes, only the
 * spans it dropped because its queue was full are kept, added to one {@link LongAdder}. A drop happens on the
 * request thread, when that thread outruns the exporter; here it costs one add, where an SDK meter provider
 * looks the attributes up in its metric storage for each dropped span. Both of the SDK's spellings are read:
 * the legacy {@code processedSpans} with {@code dropped=true} and the semantic-convention
 * {@code otel.sdk.processor.span.processed} with {@code error.type=queue_full} (another {@code error.type} is a
 * failed export). Every other instrument (spans exported,
 * queue size and capacity) is a no-op: Observa counts exports around the exporter itself.
 */
final class DropCountingMeterProvider implements MeterProvider {
  static final String LEGACY_PROCESSED = "processedSpans";
  static final String PROCESSED = "otel.sdk.processor.span.processed";
  private static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  /** The {@code error.type} of a span the semantic-convention count dropped (others are failed exports). */
  private static final String QUEUE_FULL = "queue_full";

  private final Meter meter;

  /** @param dropped where the dropped spans are added */
  DropCountingMeterProvider(LongAdder dropped) {
    this.meter = new DropCountingMeter(dropped);
  }

  @Override
  public MeterBuilder meterBuilder(String instrumentationScopeName) {
    return new MeterBuilder() {
      @Override
      public MeterBuilder setSchemaUrl(String schemaUrl) {
        return this;
      }

      @Override
      public MeterBuilder setInstrumentationVersion(String instrumentationScopeVersion) {
        return this;
      }

      @Override
      public Meter build() {
        return meter;
      }
    };
  }

  /** @return whether these attributes of a processed-spans count mark dropped spans */
  static boolean isDrop(String instrument, Attributes attributes) {
    if (attributes == null) {
      return false;
    }
    return instrument.equals(LEGACY_PROCESSED) ? Boolean.TRUE.equals(attributes.get(DROPPED))
        : QUEUE_FULL.equals(attributes.get(ERROR_TYPE));
  }

  private static final class DropCountingMeter implements Meter {
    private final Meter noop = MeterProvider.noop().get("dev.observa");
    private final LongAdder dropped;

    DropCountingMeter(LongAdder dropped) {
      this.dropped = dropped;
    }

    @Override
    public LongCounterBuilder counterBuilder(String name) {
      LongCounterBuilder noopBuilder = noop.counterBuilder(name);
      return name.equals(LEGACY_PROCESSED) || name.equals(PROCESSED) ? new DropCounterBuilder(name, noopBuilder, dropped)
          : noopBuilder;
    }

    @Override
    public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
      return noop.upDownCounterBuilder(name);
    }

    @Override
    public DoubleHistogramBuilder histogramBuilder(String name) {
      return noop.histogramBuilder(name);
    }

    @Override
    public DoubleGaugeBuilder gaugeBuilder(String name) {
      return noop.gaugeBuilder(name);
    }
  }

  private static final class DropCounterBuilder implements LongCounterBuilder {
    private final String name;
    private final LongCounterBuilder noop;
    private final LongAdder dropped;

    DropCounterBuilder(String name, LongCounterBuilder noop, LongAdder dropped) {
      this.name = name;
      this.noop = noop;
      this.dropped = dropped;
    }

    @Override
    public LongCounterBuilder setDescription(String description) {
      return this;
    }

    @Override
    public LongCounterBuilder setUnit(String unit) {
      return this;
    }

    @Override
    public DoubleCounterBuilder ofDoubles() {
      return noop.ofDoubles();
    }

    @Override
    public LongCounter build() {
      return new DropCounter(name, dropped);
    }

    @Override
    public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
      return noop.buildWithCallback(callback);
    }
  }

  private record DropCounter(String name, LongAdder dropped) implements LongCounter {
    @Override
    public void add(long value) {}

    @Override
    public void add(long value, Attributes attributes) {
      if (isDrop(name, attributes)) {
        dropped.add(value);
      }
    }

    @Override
    public void add(long value, Attributes attributes, Context context) {
      add(value, attributes);
    }
  }
}
