package dev.observa.metrics.slo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations ({@code 90s}, {@code 5m}, {@code 1h}, {@code 30d}, {@code 2w}) both ways. */
final class PromDuration {
  private static final Pattern FORMAT = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private PromDuration() {}

  /**
   * @param field the setting, for the message
   * @param text e.g. {@code 30d}
   * @return the duration
   * @throws IllegalArgumentException naming the field and the value
   */
  static Duration parse(String field, String text) {
    Matcher m = text == null ? null : FORMAT.matcher(text.trim());
    if (m == null || !m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(field + " '" + text + "' is invalid: use a positive Prometheus duration such"
          + " as 5m, 1h, 30d or 2w");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  /**
   * @param duration a duration
   * @return it for people, e.g. {@code 2d 2h}, {@code 5m}
   */
  static String human(Duration duration) {
    long seconds = duration.toSeconds();
    StringBuilder out = new StringBuilder();
    long[] units = {86_400, 3_600, 60, 1};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      long n = seconds / units[i];
      if (n > 0) {
        out.append(out.length() == 0 ? "" : " ").append(n).append(names[i]);
        seconds -= n * units[i];
      }
    }
    return out.length() == 0 ? PromDuration.format(duration) : out.toString();
  }

  /** @return the shortest exact Prometheus spelling, e.g. {@code 30d}, {@code 90s}, {@code 1500ms} */
  static String format(Duration duration) {
    long ms = duration.toMillis();
    long[] units = {86_400_000, 3_600_000, 60_000, 1000, 1};
    String[] names = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      if (ms % units[i] == 0) {
        return (ms / units[i]) + names[i];
      }
    }
    return ms + "ms";
  }
}
