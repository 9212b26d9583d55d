package dev.observa.logging.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RFC 3339 UTC timestamps with microseconds, fast: the {@code yyyy-MM-ddTHH:mm:ss.} prefix is formatted
 * once per second and cached as bytes; only the microseconds are written per event.
 */
public final class Timestamps {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);
  private static final byte[] ZULU = {'Z'};

  /** One second's prefix; replaced (not mutated) when the second changes, so it is safe to share. */
  private record Prefix(long epochSecond, byte[] ascii) {}

  private static volatile Prefix cached = new Prefix(Long.MIN_VALUE, new byte[0]);

  private Timestamps() {}

  /**
   * @param instant a time
   * @return it as {@code 2026-11-24T05:20:00.123456Z}
   */
  public static String format(Instant instant) {
    JsonWriter json = new JsonWriter(64);
    write(json, instant.getEpochSecond(), instant.getNano());
    String quoted = json.toString();
    return quoted.substring(1, quoted.length() - 1);
  }

  /**
   * Writes the timestamp as a JSON string, allocating nothing except once per second.
   *
   * @param json where to write
   * @param epochSecond seconds since the epoch
   * @param nanos nanoseconds within the second
   */
  public static void write(JsonWriter json, long epochSecond, int nanos) {
    Prefix prefix = cached;
    if (prefix.epochSecond() != epochSecond) {
      prefix = new Prefix(epochSecond,
          SECONDS.format(Instant.ofEpochSecond(epochSecond)).getBytes(StandardCharsets.US_ASCII));
      cached = prefix;
    }
    json.beginString();
    json.rawBytes(prefix.ascii());
    json.fixedDigits(nanos / 1000, 6);
    json.rawBytes(ZULU);
    json.endString();
  }
}
