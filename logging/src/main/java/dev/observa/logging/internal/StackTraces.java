package dev.observa.logging.internal;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.observa.redaction.RedactionPolicy;

/**
 * Renders a stack trace, with a bounded number of frames per exception and of causes: as plain text, or
 * as one JSON string written straight into a {@link JsonWriter} without building the text first. The layout is
 * {@code Throwable.printStackTrace}'s: a cause's frames shared with the exception it caused are not repeated
 * but counted in its {@code ... N more} line, as are the frames beyond the bound.
 */
public final class StackTraces {
  private static final int MAX_CAUSES = 10;
  private static final String TRUNCATED = "…[truncated]";

  private StackTraces() {}

  /** Where the pieces of a rendered trace go. */
  private interface Text {
    void append(String part);

    void append(char c);

    void append(long number);

    /** @return characters (or bytes) written so far */
    int written();
  }

  /**
   * @param error the exception
   * @param maxFrames frames written per exception; the rest, and a cause's frames in common with the exception
   *     it caused, are summarised as {@code ... N more}
   * @param policy redacts the messages
   * @return the rendered trace
   */
  public static String render(IThrowableProxy error, int maxFrames, RedactionPolicy policy) {
    StringBuilder out = new StringBuilder(1024);
    walk(error, maxFrames, Integer.MAX_VALUE, policy, new Text() {
      @Override
      public void append(String part) {
        out.append(part);
      }

      @Override
      public void append(char c) {
        out.append(c);
      }

      @Override
      public void append(long number) {
        out.append(number);
      }

      @Override
      public int written() {
        return out.length();
      }
    });
    return out.toString();
  }

  /**
   * @param json where to write the string value
   * @param error the exception
   * @param maxFrames frames written per exception; the rest, and a cause's frames in common with the exception
   *     it caused, are summarised as {@code ... N more}
   * @param policy redacts the messages
   */
  public static void write(JsonWriter json, IThrowableProxy error, int maxFrames, RedactionPolicy policy) {
    json.beginString();
    walk(error, maxFrames, json.maxStringLength(), policy, new Text() {
      @Override
      public void append(String part) {
        json.stringPart(part);
      }

      @Override
      public void append(char c) {
        json.stringPart(c);
      }

      @Override
      public void append(long number) {
        json.stringPart(number);
      }

      @Override
      public int written() {
        return json.size();
      }
    });
    json.endString();
  }

  /**
   * @param error a proxy
   * @return the class name of the exception it stands for (the original's, for a bounded copy)
   */
  public static String className(IThrowableProxy error) {
    return error instanceof ThrowableProxy proxy && proxy.getThrowable() instanceof BoundedThrowables.Detached copy
        ? copy.className() : error.getClassName();
  }

  private static void walk(IThrowableProxy error, int maxFrames, int limit, RedactionPolicy policy, Text out) {
    int start = out.written();
    IThrowableProxy current = error;
    for (int depth = 0; current != null && depth <= MAX_CAUSES; depth++) {
      if (depth > 0) {
        out.append("Caused by: ");
      }
      out.append(className(current));
      String message = policy.text(current.getMessage());
      if (message != null) {
        out.append(": ");
        out.append(message.length() > limit ? message.substring(0, limit) + TRUNCATED : message);
      }
      out.append('\n');
      StackTraceElementProxy[] frames = current.getStackTraceElementProxyArray();
      // a cause's frames in common with the exception it caused are summarised, as Throwable.printStackTrace does
      int common = Math.max(0, Math.min(current.getCommonFrames(), frames.length));
      int shown = Math.min(frames.length - common, maxFrames);
      for (int i = 0; i < shown; i++) {
        if (out.written() - start > limit) {
          out.append(TRUNCATED);
          return;
        }
        out.append('\t');
        out.append(frames[i].getSTEAsString());
        out.append('\n');
      }
      if (frames.length > shown) {
        out.append("\t... ");
        out.append(frames.length - shown);
        out.append(" more\n");
      }
      current = current.getCause();
    }
  }
}
