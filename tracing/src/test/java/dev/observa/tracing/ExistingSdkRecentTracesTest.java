package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An application's SDK built with Observa's store among its span processors (Spring Boot's SpanProcessor beans). */
class ExistingSdkRecentTracesTest {

  @Test
  @Timeout(30)
  void theStoreAnApplicationsSdkFeedsIsTheOneObservaServes() throws Exception {
    RecentTraces store = RecentTraces.builder().build();
    try (SdkTracerProvider tracerProvider = SdkTracerProvider.builder().addSpanProcessor(store).build()) {
      OpenTelemetry app = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
      try (Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.using(app, store)).build()) {
        assertThat(obs.unwrap(RecentTraces.class)).isSameAs(store);
        assertThat(obs.unwrap(TracingDescription.class).ownsSdk()).isFalse();
        String traceId;
        try (ActiveSpan span = obs.span("checkout").startActive()) {
          traceId = span.context().traceId();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (store.trace(traceId).isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(store.trace(traceId)).extracting(s -> s.getName()).containsExactly("checkout");
      }
    }
  }

  @Test
  void withoutAStoreTheApplicationsSdkHasNone() {
    try (Observa obs = Observa.builder().noDiscovery().tracing(OtelTracing.using(OpenTelemetry.noop())).build()) {
      assertThat(obs.unwrap(RecentTraces.class)).isNull();
    }
  }
}
