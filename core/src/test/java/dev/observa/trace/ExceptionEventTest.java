package dev.observa.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.redaction.RedactionPolicy;
import org.junit.jupiter.api.Test;

class ExceptionEventTest {
  @Test
  void stackTracesOfDeepOrCyclicChainsAreBoundedAndRedacted() {
    Throwable deep = new IllegalStateException("root");
    for (int i = 0; i < 5000; i++) {
      deep = new RuntimeException("level " + i + " card 4111111111111111", deep);
    }
    String stack = ExceptionEvent.stackTrace(deep, RedactionPolicy.defaults());
    assertThat(stack.lines().filter(l -> l.startsWith("Caused by: "))).hasSize(ExceptionEvent.MAX_CAUSES - 1);
    assertThat(stack).endsWith("\t... more causes\n").doesNotContain("4111");

    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(ExceptionEvent.stackTrace(a, RedactionPolicy.defaults())).endsWith("\t[cycle]\n");
  }
}
