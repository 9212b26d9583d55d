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

  @Test
  void stackTraceReadsAsThrowablePrintStackTraceWithCommonFramesSummarised() throws Exception {
    // the semantic conventions' exception.stacktrace: "the stacktrace as a string in the natural representation for
    // the language runtime", i.e. Throwable.printStackTrace's, where a cause's frames shared with the exception it
    // caused read "... N more" (as the JSON lines write it)
    Throwable[] thrown = new Throwable[1];
    Thread thread = new Thread(() -> { // a shallow stack: within the frame bound
      try {
        Integer.parseInt("x");
      } catch (NumberFormatException e) {
        thrown[0] = new IllegalStateException("outer", new IllegalArgumentException("middle", e));
      }
    });
    thread.start();
    thread.join(10_000);
    java.io.StringWriter printed = new java.io.StringWriter();
    thrown[0].printStackTrace(new java.io.PrintWriter(printed, true));
    assertThat(ExceptionEvent.stackTrace(thrown[0], RedactionPolicy.defaults())).contains("\t... 1 more\n")
        .isEqualTo(printed.toString().replace(System.lineSeparator(), "\n"));
  }
}
