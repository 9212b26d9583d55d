package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.meter.Counter;
import dev.observa.meter.Histogram;
import dev.observa.metrics.internal.ContextExemplarSpanContext;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExemplarMarkTest {
  private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";
  private final List<SpanData> ended = new CopyOnWriteArrayList<>();
  private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(new SpanProcessor() {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      ended.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }).build();
  private final Tracer tracer = tracerProvider.get("test");
  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();

  @AfterEach
  void close() {
    obs.close();
    tracerProvider.close();
  }

  @Test
  void spanSupplyingManyExemplarsIsMarkedOnceWithoutDroppedAttributes() {
    Histogram latency = obs.histogram("latency").baseUnit("seconds").register();
    Counter hits = obs.counter("hits").register();
    Span span = tracer.spanBuilder("request").setAttribute("hello-to", "Bryan").startSpan();
    try (Scope scope = span.makeCurrent()) {
      for (int scrape = 0; scrape < 3; scrape++) {
        latency.record(0.042); // each scrape lets every slot take this span's next record as its exemplar
        latency.record(4.2);
        hits.increment();
        assertThat(prometheus.scrape(OPENMETRICS).body()).contains(span.getSpanContext().getTraceId());
      }
    } finally {
      span.end();
    }
    assertThat(ended).singleElement().satisfies(data -> {
      assertThat(data.getAttributes().get(AttributeKey.booleanKey("exemplar"))).isTrue();
      assertThat(data.getTotalAttributeCount()).as("attributes set, so none counted as dropped")
          .isEqualTo(data.getAttributes().size()).isEqualTo(2);
    });
  }

  @Test
  void micrometerExemplarSamplerMarksTheCurrentSpanOnce() {
    ContextExemplarSpanContext context = new ContextExemplarSpanContext();
    Span span = tracer.spanBuilder("request").startSpan();
    try (Scope scope = span.makeCurrent()) {
      assertThat(context.isCurrentSpanSampled()).isTrue();
      context.markCurrentSpanAsExemplar();
      context.markCurrentSpanAsExemplar();
    } finally {
      span.end();
    }
    assertThat(ended).singleElement().satisfies(data -> {
      assertThat(data.getAttributes().get(AttributeKey.booleanKey("exemplar"))).isTrue();
      assertThat(data.getTotalAttributeCount()).isEqualTo(1);
    });
  }

  @Test
  void spanWithoutExemplarsIsNotMarked() {
    obs.histogram("latency").baseUnit("seconds").register();
    Span span = tracer.spanBuilder("quiet").startSpan();
    span.end();
    assertThat(ended).singleElement()
        .satisfies(data -> assertThat(data.getAttributes().get(AttributeKey.booleanKey("exemplar"))).isNull());
  }
}
