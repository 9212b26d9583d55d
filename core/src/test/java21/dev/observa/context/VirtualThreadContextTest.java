package dev.observa.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shared context on virtual threads (JDK 21+; compiled from src/test/java21). The build runs these with
 * one carrier thread ({@code -Djdk.virtualThreadScheduler.parallelism=1}), so consecutive virtual threads
 * share a carrier and a leak from one to the next would show.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VirtualThreadContextTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";

  private static Scope requestContext() {
    Span span = Span.wrap(SpanContext.createFromRemoteParent(TRACE_ID, SPAN_ID, TraceFlags.getSampled(),
        TraceState.getDefault()));
    return ObservaContext.from(Context.root().with(span)).withTenant("acme").withBaggage("greeting", "hi")
        .makeCurrent();
  }

  @Test
  void aWrappedVirtualThreadPerTaskExecutorRunsEachTaskInTheSubmittersContext() throws Exception {
    try (ExecutorService executor = ContextExecutors.wrap(Executors.newVirtualThreadPerTaskExecutor())) {
      Future<String> seen;
      try (Scope scope = requestContext()) {
        seen = executor.submit(() -> {
          assertThat(Thread.currentThread().isVirtual()).isTrue();
          ObservaContext context = ObservaContext.current();
          return context.traceId() + "/" + context.spanId() + "/" + context.tenant() + "/"
              + context.baggageValue("greeting");
        });
      }
      assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(TRACE_ID + "/" + SPAN_ID + "/acme/hi");
      assertThat(executor.submit(() -> ObservaContext.current().tenant()).get(10, TimeUnit.SECONDS))
          .as("a task submitted outside the request").isNull();
    }
  }

  @Test
  void contextTaskWrappingCarriesTheContextOntoAVirtualThread() throws Exception {
    AtomicReference<String> tenant = new AtomicReference<>();
    Thread thread;
    try (Scope scope = requestContext()) {
      thread = Thread.ofVirtual().unstarted(Context.current().wrap(() -> tenant.set(ObservaContext.current().tenant())));
    }
    thread.start();
    assertThat(thread.join(java.time.Duration.ofSeconds(10))).isTrue();
    assertThat(tenant.get()).isEqualTo("acme");
  }

  @Test
  void aVirtualThreadStartedWithoutWrappingDoesNotInheritTheContext() throws Exception {
    AtomicReference<ObservaContext> seen = new AtomicReference<>();
    try (Scope scope = requestContext()) {
      Thread thread = Thread.ofVirtual().start(() -> seen.set(ObservaContext.current()));
      assertThat(thread.join(java.time.Duration.ofSeconds(10))).isTrue();
    }
    assertThat(seen.get().hasSpan()).isFalse();
    assertThat(seen.get().tenant()).isNull();
  }

  @Test
  void aVirtualThreadThatLeavesItsContextOpenLeavesNothingOnTheCarrierForTheNextOne() throws Exception {
    AtomicReference<String> firstCarrier = new AtomicReference<>();
    AtomicReference<String> secondCarrier = new AtomicReference<>();
    AtomicReference<ObservaContext> inherited = new AtomicReference<>();
    Thread first = Thread.ofVirtual().start(() -> {
      requestContext(); // never closed: a bug in application code
      firstCarrier.set(carrierOf(Thread.currentThread()));
    });
    assertThat(first.join(java.time.Duration.ofSeconds(10))).isTrue();
    Thread second = Thread.ofVirtual().start(() -> {
      inherited.set(ObservaContext.current());
      secondCarrier.set(carrierOf(Thread.currentThread()));
    });
    assertThat(second.join(java.time.Duration.ofSeconds(10))).isTrue();

    assertThat(secondCarrier.get()).as("one carrier thread runs both").isEqualTo(firstCarrier.get());
    assertThat(inherited.get().hasSpan()).isFalse();
    assertThat(inherited.get().tenant()).isNull();
    assertThat(inherited.get().baggageValue("greeting")).isNull();
  }

  /** A mounted virtual thread names its carrier in {@code toString()}: {@code VirtualThread[#22]/runnable@ForkJoinPool-1-worker-1}. */
  private static String carrierOf(Thread thread) {
    String text = thread.toString();
    int at = text.lastIndexOf('@');
    return at < 0 ? text : text.substring(at + 1);
  }
}
