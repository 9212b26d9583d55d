package dev.observa.metrics.internal;

/**
 * The HTTP {@code Date} format, IMF-fixdate (RFC 9110 section 5.6.7: {@code Sun, 06 Nov 1994 08:49:37 GMT}), written
 * into a caller's array: what {@code DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)}
 * writes for years 1000 to 9999, without the strings and objects it allocates per call. Thread-safe.
 */
public final class HttpDate {
  /** The length of an IMF-fixdate, in bytes. */
  public static final int LENGTH = 29;
  private static final byte[] DAYS = "ThuFriSatSunMonTueWed".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] MONTHS =
      "JanFebMarAprMayJunJulAugSepOctNovDec".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private HttpDate() {}

  /**
   * @param epochMillis the instant, in milliseconds since the epoch (truncated to the second)
   * @param into where to write the {@value #LENGTH} bytes
   * @param at where in {@code into} to begin
   * @return the index after the last byte written
   */
  public static int imfFixdate(long epochMillis, byte[] into, int at) {
    long seconds = Math.floorDiv(epochMillis, 1000);
    long days = Math.floorDiv(seconds, 86_400);
    int secondOfDay = (int) Math.floorMod(seconds, 86_400);
    // the civil date of a day count (H. Hinnant's days_from_civil, inverted), proleptic Gregorian
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153; // March = 0
    int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    int i = at;
    i = three(DAYS, (int) Math.floorMod(days, 7), into, i); // 1970-01-01 was a Thursday
    into[i++] = ',';
    into[i++] = ' ';
    i = digits(day, 2, into, i);
    into[i++] = ' ';
    i = three(MONTHS, month - 1, into, i);
    into[i++] = ' ';
    i = digits((int) year, 4, into, i);
    into[i++] = ' ';
    i = digits(secondOfDay / 3600, 2, into, i);
    into[i++] = ':';
    i = digits(secondOfDay / 60 % 60, 2, into, i);
    into[i++] = ':';
    i = digits(secondOfDay % 60, 2, into, i);
    into[i++] = ' ';
    into[i++] = 'G';
    into[i++] = 'M';
    into[i++] = 'T';
    return i;
  }

  private static int three(byte[] names, int index, byte[] into, int at) {
    System.arraycopy(names, index * 3, into, at, 3);
    return at + 3;
  }

  private static int digits(int value, int count, byte[] into, int at) {
    int v = value;
    for (int i = at + count - 1; i >= at; i--) {
      into[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return at + count;
  }
}
