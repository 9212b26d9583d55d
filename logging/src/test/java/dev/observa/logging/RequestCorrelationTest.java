package dev.observa.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class RequestCorrelationTest {
  private static final ContextKey<String> LEFTOVER = ContextKey.named("leftover");

  @Test
  void aNewRequestStartsFromTheRootContextWhateverIsCurrent() {
    try (Scope leftover = Context.current().with(LEFTOVER, "previous request").makeCurrent()) {
      Context request = RequestCorrelation.newRequest();
      assertThat(request.get(LEFTOVER)).isNull();
      assertThat(RequestCorrelation.from(request)).isNotNull();
      assertThat(RequestCorrelation.from(request).serverSpan().isValid()).isFalse();
    }
  }

  @Test
  void onlyTheContextANewRequestMadeIsRecognizedAsOne() {
    Context request = RequestCorrelation.newRequest();
    assertThat(RequestCorrelation.isNewRequest(request)).isTrue();
    // anything added, or a correlation attached onto another context, is no longer just the request's
    assertThat(RequestCorrelation.isNewRequest(request.with(LEFTOVER, "x"))).isFalse();
    assertThat(RequestCorrelation.isNewRequest(RequestCorrelation.attach(Context.root()))).isFalse();
    assertThat(RequestCorrelation.isNewRequest(Context.root())).isFalse();
    assertThat(RequestCorrelation.isNewRequest(null)).isFalse();
    assertThat(RequestCorrelation.newRequest()).isNotSameAs(request);
  }
}
