package dev.observa.logging.internal;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/** Renders a stack trace as one string, with a bounded number of frames per exception and of causes. */
public final class StackTraces {
  private static final int MAX_CAUSES = 10;

  private StackTraces() {}

  /**
   * @param error the exception
   * @param maxFrames frames written per exception; the rest are summarised as {@code ... N more}
   * @return the rendered trace
   */
  public static String render(IThrowableProxy error, int maxFrames) {
    StringBuilder out = new StringBuilder(1024);
    IThrowableProxy current = error;
    for (int depth = 0; current != null && depth <= MAX_CAUSES; depth++) {
      if (depth > 0) {
        out.append("Caused by: ");
      }
      out.append(current.getClassName());
      if (current.getMessage() != null) {
        out.append(": ").append(current.getMessage());
      }
      out.append('\n');
      StackTraceElementProxy[] frames = current.getStackTraceElementProxyArray();
      int shown = Math.min(frames.length, maxFrames);
      for (int i = 0; i < shown; i++) {
        out.append('\t').append(frames[i].getSTEAsString()).append('\n');
      }
      if (frames.length > shown) {
        out.append("\t... ").append(frames.length - shown).append(" more\n");
      }
      current = current.getCause();
    }
    return out.toString();
  }
}
