package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.logging.RequestCorrelation;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.Test;

class RequestCorrelationValveTest {
  private static final ContextKey<String> LEFTOVER = ContextKey.named("leftover");

  @Test
  void theRequestRunsInANewRequestContextWithoutThePooledThreadsLeftoverAndItIsRestoredAfter() throws Exception {
    AtomicReference<Context> during = new AtomicReference<>();
    RequestCorrelationValve valve = new RequestCorrelationValve();
    valve.setNext(new ValveBase() {
      @Override
      public void invoke(Request request, Response response) {
        during.set(Context.current());
      }
    });
    Context leftover = Context.root().with(LEFTOVER, "previous request");
    try (Scope scope = leftover.makeCurrent()) {
      valve.invoke(null, null);
      assertThat(Context.current()).isSameAs(leftover);
    }
    assertThat(RequestCorrelation.isNewRequest(during.get())).isTrue();
    assertThat(during.get().get(LEFTOVER)).isNull();
  }
}
