package dev.observa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.observa.context.Carriers;
import dev.observa.context.ObservaContext;
import dev.observa.spi.TracingBackend;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An {@code Error} from a propagator (a broken extension, a missing class) never reaches the caller. */
class FacadeErrorGuardTest {
  /** A propagator that fails the way a half-present dependency does, with a message that itself throws. */
  private static final TextMapPropagator BROKEN = new TextMapPropagator() {
    @Override
    public List<String> fields() {
      return List.of("traceparent");
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
      throw new NoClassDefFoundError("io/example/Missing");
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
      throw new AssertionError("broken") {
        @Override
        public String getMessage() {
          throw new IllegalStateException("and so is its message");
        }
      };
    }
  };

  private static Observa withBrokenPropagation() {
    TracingBackend backend = new TracingBackend() {
      @Override
      public Tracer tracer() {
        return OpenTelemetry.noop().getTracer("test");
      }

      @Override
      public TextMapPropagator propagator() {
        return BROKEN;
      }
    };
    return Observa.builder().noDiscovery().tracing(settings -> backend).build();
  }

  @Test
  void anErrorThrownByInjectStaysInsideTheFacade() {
    try (Observa obs = withBrokenPropagation()) {
      Map<String, String> headers = new HashMap<>();
      assertThatCode(() -> obs.inject(headers, Map::put)).doesNotThrowAnyException();
      assertThat(headers).isEmpty();
    }
  }

  @Test
  void anErrorWithAThrowingMessageThrownByExtractGivesTheCurrentContext() {
    try (Observa obs = withBrokenPropagation()) {
      ObservaContext extracted = obs.extract(Map.of("traceparent", "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01"),
          Carriers.mapGetter());
      assertThat(extracted.traceId()).isEqualTo(ObservaContext.current().traceId());
    }
  }
}
