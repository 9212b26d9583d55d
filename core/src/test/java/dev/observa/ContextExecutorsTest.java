package dev.observa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.context.Carriers;
import dev.observa.context.ContextExecutors;
import dev.observa.context.ObservaContext;
import io.opentelemetry.context.Scope;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ContextExecutorsTest {

  @Test
  void scheduledAndPeriodicTasksRunInTheSubmittersContext() throws Exception {
    ScheduledExecutorService pool = ContextExecutors.wrap(Executors.newSingleThreadScheduledExecutor());
    try {
      AtomicReference<String> delayed = new AtomicReference<>();
      CountDownLatch ticks = new CountDownLatch(2);
      AtomicReference<String> periodic = new AtomicReference<>();
      ScheduledFuture<?> repeating;
      try (Scope scope = ObservaContext.current().withTenant("acme").makeCurrent()) {
        pool.schedule(() -> delayed.set(ObservaContext.current().tenant()), 1, TimeUnit.MILLISECONDS).get();
        repeating = pool.scheduleAtFixedRate(() -> {
          periodic.set(ObservaContext.current().tenant());
          ticks.countDown();
        }, 0, 1, TimeUnit.MILLISECONDS);
      }
      assertThat(ticks.await(30, TimeUnit.SECONDS)).isTrue();
      repeating.cancel(false);
      assertThat(delayed.get()).isEqualTo("acme");
      assertThat(periodic.get()).isEqualTo("acme");
      assertThat(pool.submit(() -> ObservaContext.current().tenant()).get()).isNull();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void completableFutureHelpersCarryTheContextAndPooledThreadsNeverKeepIt() throws Exception {
    var pool = Executors.newSingleThreadExecutor();
    try {
      try (Scope scope = ObservaContext.current().withTenant("request-1").withBaggage("k", "v").makeCurrent()) {
        assertThat(ContextExecutors.supplyAsync(() -> ObservaContext.current().tenant(), pool).get())
            .isEqualTo("request-1");
        List<String> seen = new Vector<>();
        ContextExecutors.runAsync(() -> seen.add(ObservaContext.current().baggageValue("k")), pool).get();
        assertThat(seen).containsExactly("v");
      }
      assertThat(pool.submit(() -> ObservaContext.current().tenant()).get()).isNull();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void carriersReadEveryValueCaseInsensitively() {
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("TraceParent", List.of("a", "b"));
    var getter = Carriers.<Map<String, List<String>>>multiMap();
    List<String> all = new java.util.ArrayList<>();
    getter.getAll(headers, "traceparent").forEachRemaining(all::add);
    assertThat(all).containsExactly("a", "b");
    assertThat(Carriers.mapGetter().get(Map.of("Baggage", "x"), "baggage")).isEqualTo("x");
    var servlet = Carriers.<Object>headers(name -> name.equals("tracestate")
        ? Collections.enumeration(List.of("x=1", "y=2")) : null, () -> Collections.enumeration(List.of("tracestate")));
    List<String> states = new java.util.ArrayList<>();
    servlet.getAll(null, "tracestate").forEachRemaining(states::add);
    assertThat(states).containsExactly("x=1", "y=2");
    assertThat(servlet.get(null, "missing")).isNull();
    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost/"));
    Carriers.httpRequest().set(request, "traceparent", "v");
    assertThat(request.build().headers().firstValue("traceparent")).hasValue("v");
  }
}
