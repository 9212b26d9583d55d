package dev.observa.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ContextExecutorsWrappingTest {

  @Test
  void aWrappedExecutorRunsTheTaskInTheSubmittersContextAndRestoresTheWorkersAfterwards() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Executor executor = ContextExecutors.wrap((java.util.concurrent.Executor) pool);
      AtomicReference<String> seen = new AtomicReference<>();
      java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
      try (Scope scope = ObservaContext.current().withTenant("acme").makeCurrent()) {
        executor.execute(() -> {
          seen.set(ObservaContext.current().tenant());
          done.countDown();
        });
      }
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(seen.get()).isEqualTo("acme");
      assertThat(pool.submit(() -> ObservaContext.current().tenant()).get(10, TimeUnit.SECONDS)).isNull();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void invokeAllRunsEveryTaskInTheSubmittersContext() throws Exception {
    ExecutorService executor = ContextExecutors.wrap(Executors.newFixedThreadPool(2));
    try {
      Callable<String> task = () -> ObservaContext.current().baggageValue("k");
      List<Future<String>> results;
      try (Scope scope = ObservaContext.current().withBaggage("k", "v").makeCurrent()) {
        results = executor.invokeAll(List.of(task, task, task), 10, TimeUnit.SECONDS);
      }
      for (Future<String> result : results) {
        assertThat(result.get()).isEqualTo("v");
      }
      assertThat(executor.invokeAny(List.of(task), 10, TimeUnit.SECONDS)).isNull();
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aTaskSubmittedOutsideAnyRequestSeesTheRootContextEvenOnAThreadThatRanOne() throws Exception {
    ExecutorService executor = ContextExecutors.wrap(Executors.newSingleThreadExecutor());
    try {
      try (Scope scope = ObservaContext.current().withTenant("request-1").makeCurrent()) {
        assertThat(executor.submit(() -> ObservaContext.current().tenant()).get(10, TimeUnit.SECONDS))
            .isEqualTo("request-1");
      }
      ObservaContext next = executor.submit(ObservaContext::current).get(10, TimeUnit.SECONDS);
      assertThat(next.tenant()).isNull();
      assertThat(next.hasSpan()).isFalse();
    } finally {
      executor.shutdownNow();
    }
  }
}
