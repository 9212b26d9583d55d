package dev.observa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.context.ObservaContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ObservaContextTest {

  @Test
  void currentIsNeverNullAndEmptyAtRoot() {
    ObservaContext context = ObservaContext.current();
    assertThat(context).isNotNull();
    assertThat(context.hasSpan()).isFalse();
    assertThat(context.traceId()).isNull();
    assertThat(context.baggage()).isEmpty();
    assertThat(context.tenant()).isNull();
  }

  @Test
  void withMethodsReturnCopiesAndLeaveTheOriginalUnchanged() {
    ObservaContext root = ObservaContext.current();
    ObservaContext changed = root.withBaggage("greeting", "Bonjour", "ttl=60").withTenant("acme");
    assertThat(root.baggage()).isEmpty();
    assertThat(changed.baggageValue("greeting")).isEqualTo("Bonjour");
    assertThat(changed.baggageMetadata("greeting")).isEqualTo("ttl=60");
    assertThat(changed.tenant()).isEqualTo("acme");
    assertThat(changed.withBaggage("greeting", null).baggageValue("greeting")).isNull();
    assertThat(changed.withTenant(null).tenant()).isNull();
  }

  @Test
  void scopeRestoresThePreviousContextOnClose() {
    try (Scope outer = ObservaContext.current().withTenant("outer").makeCurrent()) {
      try (Scope inner = ObservaContext.current().withTenant("inner").withBaggage("k", "v").makeCurrent()) {
        assertThat(ObservaContext.current().tenant()).isEqualTo("inner");
      }
      assertThat(ObservaContext.current().tenant()).isEqualTo("outer");
      assertThat(ObservaContext.current().baggageValue("k")).isNull();
    }
    assertThat(ObservaContext.current().tenant()).isNull();
  }

  @Test
  void pooledThreadSeesTheSubmittersContextAndNeverKeepsIt() throws Exception {
    ExecutorService pool = Context.taskWrapping(Executors.newSingleThreadExecutor());
    try {
      try (Scope scope = ObservaContext.current().withTenant("request-1").makeCurrent()) {
        assertThat(pool.submit(() -> ObservaContext.current().tenant()).get()).isEqualTo("request-1");
      }
      assertThat(pool.submit(() -> ObservaContext.current().tenant()).get()).isNull();
    } finally {
      pool.shutdownNow();
    }
  }
}
