package dev.observa.trace;

import dev.observa.redaction.RedactionPolicy;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Records an exception on a span as the semantic conventions' {@code exception} event, bounded and redacted:
 * at most {@value #MAX_CAUSES} causes of {@value #MAX_FRAMES} frames each (a cycle or a chain thousands deep
 * cannot overflow the stack), every message through the redaction policy, and a {@code getMessage()} or
 * {@code getStackTrace()} that throws written as a marker, and every value (the status description too) within the
 * span API's length limit. Never throws.
 */
final class ExceptionEvent {
  static final int MAX_CAUSES = 16;
  static final int MAX_FRAMES = 64;

  private ExceptionEvent() {}

  static void record(Span span, Throwable error, RedactionPolicy policy, int maxLength) {
    try {
      String message = policy.text(message(error));
      String type = error.getClass().getName();
      span.addEvent("exception", Attributes.of(
          AttributeKey.stringKey("exception.type"), SpanBuilder.bounded(type, maxLength),
          AttributeKey.stringKey("exception.message"), message == null ? "" : SpanBuilder.bounded(message, maxLength),
          AttributeKey.stringKey("exception.stacktrace"), SpanBuilder.bounded(stackTrace(error, policy), maxLength)));
      span.setStatus(StatusCode.ERROR, SpanBuilder.bounded(type + (message == null ? "" : ": " + message), maxLength));
    } catch (StackOverflowError | RuntimeException | LinkageError e) {
      span.setStatus(StatusCode.ERROR, error.getClass().getName());
    }
  }

  /** @return the message, or a marker when {@code getMessage()} throws */
  static String message(Throwable error) {
    try {
      return error.getMessage();
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      return "[getMessage() failed: " + e.getClass().getName() + "]";
    }
  }

  static String stackTrace(Throwable error, RedactionPolicy policy) {
    StringBuilder out = new StringBuilder(1024);
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable current = error;
    StackTraceElement[] enclosing = null;
    for (int depth = 0; current != null; depth++) {
      if (depth == MAX_CAUSES || !seen.add(current)) {
        out.append(depth == MAX_CAUSES ? "\t... more causes\n" : "\t[cycle]\n");
        break;
      }
      String message = policy.text(message(current));
      out.append(depth == 0 ? "" : "Caused by: ").append(current.getClass().getName())
          .append(message == null ? "" : ": " + message).append('\n');
      StackTraceElement[] frames = frames(current);
      // a cause's frames in common with the exception it caused are summarised, as Throwable.printStackTrace does
      // (and the JSON lines' stack trace: one layout for every sink)
      int shown = Math.min(frames.length - commonFrames(frames, enclosing), MAX_FRAMES);
      for (int i = 0; i < shown; i++) {
        out.append("\tat ").append(frames[i]).append('\n');
      }
      if (frames.length > shown) {
        out.append("\t... ").append(frames.length - shown).append(" more\n");
      }
      enclosing = frames;
      current = cause(current);
    }
    return out.toString();
  }

  /** @return how many frames at the bottom of {@code frames} equal those at the bottom of {@code enclosing} */
  static int commonFrames(StackTraceElement[] frames, StackTraceElement[] enclosing) {
    if (enclosing == null) {
      return 0;
    }
    int m = frames.length - 1;
    int n = enclosing.length - 1;
    while (m >= 0 && n >= 0 && frames[m] != null && frames[m].equals(enclosing[n])) {
      m--;
      n--;
    }
    return frames.length - 1 - m;
  }

  private static StackTraceElement[] frames(Throwable error) {
    try {
      StackTraceElement[] frames = error.getStackTrace();
      return frames == null ? new StackTraceElement[0] : frames;
    } catch (RuntimeException e) {
      return new StackTraceElement[0];
    }
  }

  private static Throwable cause(Throwable error) {
    try {
      return error.getCause();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
