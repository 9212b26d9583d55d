package dev.observa.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HttpDateTest {
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private static String format(long millis) {
    byte[] into = new byte[HttpDate.LENGTH + 2];
    int end = HttpDate.imfFixdate(millis, into, 1);
    assertThat(end).isEqualTo(HttpDate.LENGTH + 1);
    return new String(into, 1, HttpDate.LENGTH, StandardCharsets.US_ASCII);
  }

  @Test
  void writesRfc9110Example() {
    assertThat(format(Instant.parse("1994-11-06T08:49:37.999Z").toEpochMilli())).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
  }

  @Test
  void writesWhatJavaTimeWritesForYearsOneThousandToNineThousandNineHundredNinetyNine() {
    long from = Instant.parse("1000-01-01T00:00:00Z").toEpochMilli();
    long to = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();
    SplittableRandom random = new SplittableRandom(19);
    for (int i = 0; i < 200_000; i++) {
      long millis = random.nextLong(from, to);
      assertThat(format(millis)).as("%d", millis).isEqualTo(IMF_FIXDATE.format(Instant.ofEpochMilli(millis)));
    }
    for (String edge : new String[] {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:00:00Z",
        "2100-02-28T23:59:59Z", "2100-03-01T00:00:00Z", "2026-12-31T23:59:59Z", "2027-01-01T00:00:00Z"}) {
      long millis = Instant.parse(edge).toEpochMilli();
      assertThat(format(millis)).as(edge).isEqualTo(IMF_FIXDATE.format(Instant.ofEpochMilli(millis)));
    }
  }
}
