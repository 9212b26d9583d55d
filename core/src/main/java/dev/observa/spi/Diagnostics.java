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
}
