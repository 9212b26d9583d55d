package dev.observa.logging.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RFC 3339 UTC timestamps with microseconds, fast: the {@code yyyy-MM-ddTHH:mm:ss.} prefix is formatted
 * once per second and cached; only the microseconds are written per event.
 */
public final class Timestamps {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

  /** One second's prefix; replaced (not mutated) when the second changes, so it is safe to share. */
  private record Prefix(long epochSecond, String text) {}

  private static volatile Prefix cached = new Prefix(Long.MIN_VALUE, "");

  private Timestamps() {}

  /**
   * @param instant a time
   * @return it as {@code 2026-11-24T05:20:00.123456Z}
   */
  public static String format(Instant instant) {
    long second = instant.getEpochSecond();
    Prefix prefix = cached;
    if (prefix.epochSecond() != second) {
      prefix = new Prefix(second, SECONDS.format(instant));
      cached = prefix;
    }
    int micros = instant.getNano() / 1000;
    char[] out = new char[prefix.text().length() + 7];
    prefix.text().getChars(0, prefix.text().length(), out, 0);
    int at = prefix.text().length();
    for (int divisor = 100_000; divisor > 0; divisor /= 10) {
      out[at++] = (char) ('0' + (micros / divisor) % 10);
    }
    out[at] = 'Z';
    return new String(out);
  }
}
