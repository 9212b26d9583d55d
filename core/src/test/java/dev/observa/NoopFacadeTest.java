package dev.observa;

import static dev.observa.log.Field.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.observa.context.ObservaContext;
import dev.observa.meter.Timer;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** With observa-core alone on the classpath, every call works, does nothing and never throws. */
class NoopFacadeTest {
  private final Observa obs = Observa.noop();

  @Test
  void noopFacadeNeverThrows() {
    assertThatCode(() -> {
      obs.counter("a").register().increment(Double.NaN);
      obs.counter("a").register().increment(-1);
      obs.gauge("g").register().set(Double.POSITIVE_INFINITY);
      obs.gauge("g2").observe(new Object(), o -> 1.0);
      obs.histogram("h").register().record(Double.NaN);
      obs.summary("s").quantile(0.5, 0.05).register().record(1);
      Timer timer = obs.timer("t").register();
      timer.record((Duration) null);
      timer.record(-5, TimeUnit.SECONDS);
      timer.record(Duration.ofMillis(3));
      timer.start().stop();
      obs.logger(null).info(null, field(null, (String) null), null);
      obs.logger("x").named(null).with((dev.observa.log.Field[]) null).error("e");
      obs.span(null).attribute(null, "v").attribute("k", (String) null).link(null).kind(null).start().end();
      obs.inject(null, null);
      obs.extract(null, null);
      obs.context().withBaggage(null, "v").withBaggage("k", null).withTenant(null);
      obs.close();
    }).doesNotThrowAnyException();
  }

  @Test
  void timedCodeStillRunsAndItsExceptionPropagatesUnchanged() throws Exception {
    Timer timer = obs.timer("t").register();
    assertThat(timer.recordCallable(() -> 42)).isEqualTo(42);
    IllegalStateException boom = new IllegalStateException("boom");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> timer.record((Runnable) () -> {
      throw boom;
    })).isSameAs(boom);
  }

  @Test
  void noopSpansCarryTheParentSpanContextSoIncomingTracesStayIntact() {
    SpanContext remote = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
        TraceFlags.getSampled(), TraceState.getDefault());
    try (Scope scope = Context.root().with(Span.wrap(remote)).makeCurrent();
         ActiveSpan span = obs.span("child").startActive()) {
      assertThat(span.context().traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
      assertThat(ObservaContext.current().traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    }
  }

  @Test
  void noopPropagationInjectsNothing() {
    Map<String, String> headers = new HashMap<>();
    obs.inject(headers, Map::put);
    assertThat(headers).isEmpty();
  }

  @Test
  void globalIsNoopUntilSetAndClosingClearsIt() {
    assertThat(Observa.global()).isSameAs(Observa.noop());
    Observa real = Observa.builder().noDiscovery().buildAndSetGlobal();
    assertThat(Observa.global()).isSameAs(real);
    real.close();
    assertThat(Observa.global()).isSameAs(Observa.noop());
  }
}
