package dev.observa.logging.internal;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Keeps hostile exceptions from breaking a log call. Logback builds its {@link ThrowableProxy} recursively on
 * the logging thread and calls {@code getMessage()} there: a cause chain thousands deep overflows the stack
 * and a throwing {@code getMessage()} reaches the caller. {@link #bounded} hands Logback an exception it can
 * always render instead: the same one when it is well-behaved (the common case, checked in one bounded walk),
 * else a {@link Detached} copy of at most {@value #MAX_CAUSES} causes whose class name, message (or a marker)
 * and frames are the original's.
 */
public final class BoundedThrowables {
  /** Causes kept, beyond which a chain is cut with a marker. */
  public static final int MAX_CAUSES = 64;
  private static final int MAX_SUPPRESSED = 16;

  private BoundedThrowables() {}

  /**
   * @param error an exception, not null
   * @return {@code error} itself, or a bounded copy when Logback could not render it
   */
  public static Throwable bounded(Throwable error) {
    return wellBehaved(error) ? error : detach(error, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  /**
   * @param error an exception, not null
   * @return a Logback proxy of its bounded form; never throws
   */
  public static IThrowableProxy proxy(Throwable error) {
    return new ThrowableProxy(bounded(error));
  }

  private static boolean wellBehaved(Throwable error) {
    try {
      Throwable current = error;
      for (int depth = 0; current != null; depth++) {
        if (depth > MAX_CAUSES) {
          return false;
        }
        current.getMessage();
        current.getStackTrace();
        Throwable[] suppressed = current.getSuppressed();
        if (suppressed.length > MAX_SUPPRESSED) {
          return false;
        }
        for (Throwable s : suppressed) {
          if (s.getCause() != null || s.getSuppressed().length > 0) {
            return false; // nested trees are copied flat rather than walked here
          }
          s.getMessage();
        }
        current = current.getCause();
      }
      return true;
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      return false;
    }
  }

  private static Throwable detach(Throwable error, int depth, Set<Throwable> seen) {
    if (depth >= MAX_CAUSES || !seen.add(error)) {
      return new Detached(depth >= MAX_CAUSES ? "…" : "[cycle]", "causes cut here", new StackTraceElement[0], null);
    }
    Throwable cause;
    try {
      cause = error.getCause();
    } catch (RuntimeException e) {
      cause = null;
    }
    StackTraceElement[] frames;
    try {
      frames = error.getStackTrace();
    } catch (RuntimeException e) {
      frames = new StackTraceElement[0];
    }
    return new Detached(error.getClass().getName(), JsonWriter.safeMessage(error), frames,
        cause == null ? null : detach(cause, depth + 1, seen));
  }

  /** A copy of one exception of a chain, keeping what Logback reads, with no suppressed exceptions. */
  public static final class Detached extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String className;

    Detached(String className, String message, StackTraceElement[] frames, Throwable cause) {
      super(message, cause, false, true);
      this.className = className;
      setStackTrace(frames);
    }

    /** @return the class name of the original exception */
    public String className() {
      return className;
    }

    @Override
    public String toString() {
      String message = getMessage();
      return message == null ? className : className + ": " + message;
    }
  }
}
