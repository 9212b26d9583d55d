package dev.observa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.context.DeclaredKey;
import dev.observa.context.Route;
import dev.observa.log.Logger;
import dev.observa.meter.Instruments;
import dev.observa.redaction.RedactionPolicy;
import dev.observa.spi.LoggingBackend;
import dev.observa.spi.MetricsBackend;
import dev.observa.spi.ObservaSettings;
import dev.observa.spi.TracingBackend;
import dev.observa.testing.RecordingMetricsBackend;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObservaBuilderTest {
  private final List<String> closed = new ArrayList<>();

  @AfterEach
  void clearGlobal() {
    Observa.setGlobal(null);
  }

  /** A tracing backend that registers one self-metric and whose propagator always throws. */
  private final class SelfMeasuringTracing implements TracingBackend {
    @Override
    public Tracer tracer() {
      return OpenTelemetry.noop().getTracer("test");
    }

    @Override
    public TextMapPropagator propagator() {
      return new TextMapPropagator() {
        @Override
        public Collection<String> fields() {
          return List.of();
        }

        @Override
        public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
          throw new IllegalStateException("broken propagator");
        }

        @Override
        public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
          throw new IllegalStateException("broken propagator");
        }
      };
    }

    @Override
    public void bindSelfMetrics(Instruments instruments) {
      instruments.counter("observa.spans.started").observe(() -> 3);
    }

    @Override
    public void close() {
      closed.add("tracing");
      throw new IllegalStateException("tracing close failed");
    }
  }

  private final class FailingLogging implements LoggingBackend {
    @Override
    public Logger logger(String name) {
      throw new IllegalStateException("no logger");
    }

    @Override
    public void close() {
      closed.add("logging");
    }
  }

  @Test
  void everyProviderReceivesTheSameSettings() {
    AtomicReference<ObservaSettings> metrics = new AtomicReference<>();
    AtomicReference<ObservaSettings> tracing = new AtomicReference<>();
    AtomicReference<ObservaSettings> logging = new AtomicReference<>();
    try (Observa obs = Observa.builder().noDiscovery().serviceName("checkout").serviceVersion("1.2")
        .environment("prod").instanceId("i-1")
        .declare(DeclaredKey.builder("greeting").routes(Route.PROPAGATE, Route.LOG).build())
        .metrics(s -> {
          metrics.set(s);
          return new RecordingMetricsBackend();
        })
        .tracing(s -> {
          tracing.set(s);
          return new SelfMeasuringTracing();
        })
        .logging(s -> {
          logging.set(s);
          return new FailingLogging();
        })
        .build()) {
      assertThat(metrics.get()).isSameAs(tracing.get()).isSameAs(logging.get()).isSameAs(obs.settings());
      ObservaSettings settings = obs.settings();
      assertThat(settings.serviceName()).isEqualTo("checkout");
      assertThat(settings.serviceVersion()).isEqualTo("1.2");
      assertThat(settings.environment()).isEqualTo("prod");
      assertThat(settings.instanceId()).isEqualTo("i-1");
      assertThat(settings.declaredKeys().get("greeting")).isNotNull();
    }
  }

  @Test
  void blankSettingsAreRejectedNamingTheSetting() {
    assertThatIllegalArgumentException().isThrownBy(() -> RedactionPolicy.builder().keys("--"))
        .withMessageContaining("'--'");
    assertThatIllegalArgumentException().isThrownBy(() -> Observa.builder().serviceName(" "))
        .withMessageContaining("serviceName");
    assertThatIllegalArgumentException().isThrownBy(() -> Observa.builder().environment(""))
        .withMessageContaining("environment");
  }

  @Test
  void theRedactionPolicyGivenToTheBuilderIsTheOneEveryBackendSees() {
    RedactionPolicy policy = RedactionPolicy.builder().keys("order.note").build();
    ObservaSettings settings = Observa.builder().redaction(policy).settings();
    assertThat(settings.redaction()).isSameAs(policy);
    assertThat(settings.isRedacted("ORDER_NOTE")).isTrue();
    assertThat(settings.isRedacted("password")).as("the defaults stay").isTrue();
    assertThat(Observa.builder().settings().isRedacted("order.note")).isFalse();
  }

  @Test
  void withoutDiscoveryEverySignalWithoutAProviderIsNoop() {
    try (Observa obs = Observa.builder().noDiscovery().build()) {
      assertThat(obs.unwrap(RecordingMetricsBackend.class)).isNull();
      assertThat(obs.logger("x").isEnabled(dev.observa.log.Level.ERROR)).isFalse();
      assertThat(obs.propagator().fields()).isEmpty();
    }
  }

  @Test
  void tracingSelfMetricsRegisterThroughTheFacadesInstrumentsAndItsNameCheck() {
    RecordingMetricsBackend metrics = new RecordingMetricsBackend();
    try (Observa obs = Observa.builder().noDiscovery().metrics(s -> metrics).tracing(s -> new SelfMeasuringTracing())
        .build()) {
      assertThat(metrics.total("observa.spans.started", Map.of())).isEqualTo(3);
      assertThatIllegalArgumentException().isThrownBy(() -> obs.gauge("observa.spans.started").register())
          .withMessageContaining("counter");
    }
  }

  @Test
  void unwrapReachesTheBackendsOwnObjectsAndNullForOthers() {
    RecordingMetricsBackend metrics = new RecordingMetricsBackend();
    try (Observa obs = Observa.builder().noDiscovery().metrics(s -> metrics).build()) {
      assertThat(obs.unwrap(RecordingMetricsBackend.class)).isSameAs(metrics);
      assertThat(obs.unwrap(MetricsBackend.class)).isSameAs(metrics);
      assertThat(obs.unwrap(String.class)).isNull();
      assertThat(obs.<Object>unwrap(null)).isNull();
    }
  }

  @Test
  void aFailingBackendNeverReachesTheCaller() {
    Observa obs = Observa.builder().noDiscovery().tracing(s -> new SelfMeasuringTracing())
        .logging(s -> new FailingLogging()).build();
    Logger logger = obs.logger("app");
    assertThatCode(() -> logger.info("still fine")).doesNotThrowAnyException();
    Map<String, String> headers = new HashMap<>();
    assertThatCode(() -> obs.inject(headers, Map::put)).doesNotThrowAnyException();
    assertThat(headers).isEmpty();
    TextMapGetter<Map<String, String>> getter = new TextMapGetter<>() {
      @Override
      public Iterable<String> keys(Map<String, String> carrier) {
        return carrier.keySet();
      }

      @Override
      public String get(Map<String, String> carrier, String key) {
        return carrier == null ? null : carrier.get(key);
      }
    };
    boolean extractedSpan = obs.extract(Map.of("traceparent", "x"), getter).hasSpan();
    assertThat(extractedSpan).isFalse();
    assertThatCode(obs::close).doesNotThrowAnyException();
    assertThat(closed).containsExactly("tracing", "logging");
  }

  @Test
  void buildAndSetGlobalMakesTheInstanceGlobalUntilItCloses() {
    Observa obs = Observa.builder().noDiscovery().serviceName("global-one").buildAndSetGlobal();
    assertThat(Observa.global()).isSameAs(obs);
    obs.close();
    assertThat(Observa.global()).isSameAs(Observa.noop());
    assertThat(Observa.noop().settings().serviceName()).isEqualTo("unknown_service:java");
  }
}
