package dev.observa.spi;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Rate-limited self-diagnostics for backends: a problem found at record time (a NaN into a counter, a throwing gauge
 * callback, a bad inbound header) is reported at most once per interval per kind, so no caller or
 * attacker can flood the logs. Goes through {@link System.Logger}, which needs no dependency.
 */
public final class Diagnostics {
  private static final System.Logger LOG = System.getLogger("dev.observa");
  private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final ConcurrentHashMap<String, Long> LAST = new ConcurrentHashMap<>();

  private Diagnostics() {}

  /**
   * Warns unless the same kind was reported within the last minute. Never throws.
   *
   * @param kind what went wrong, e.g. {@code counter.negative}
   * @param message the text, without a stack trace
   */
  public static void warn(String kind, String message) {
    try {
      long now = System.nanoTime();
      Long last = LAST.get(kind);
      if (last != null && now - last < INTERVAL_NANOS) {
        return;
      }
      if (LAST.size() > 1000) {
        LAST.clear();
      }
      LAST.put(kind, now);
      LOG.log(System.Logger.Level.WARNING, "[observa] " + message + " (further '" + kind + "' reports muted for 1 minute)");
    } catch (RuntimeException ignored) {
      // diagnostics must never disturb the caller
    }
  }

  /**
   * Describes a throwable for a diagnostic message without trusting it: its class name and, when
   * {@code getMessage()} answers, the first 200 characters of its message. Never throws.
   *
   * <pre>{@code
   * catch (Throwable e) { Diagnostics.warn("gauge.callback", "callback failed: " + Diagnostics.describe(e)); }
   * }</pre>
   *
   * @param failure what was thrown, may be null
   * @return the description
   * @since 0.1.0
   */
  public static String describe(Throwable failure) {
    if (failure == null) {
      return "null";
    }
    String name = failure.getClass().getName();
    try {
      String message = failure.getMessage();
      if (message == null) {
        return name;
      }
      return name + ": " + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return name + " (its message could not be read)";
    }
  }
}
