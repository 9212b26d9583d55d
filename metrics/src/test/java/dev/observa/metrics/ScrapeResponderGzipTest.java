package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which {@code Accept-Encoding} values let {@link ScrapeResponder} answer in gzip (RFC 9110 section 12.5.3). */
class ScrapeResponderGzipTest {
  @Test
  void acceptsGzipNamedInAnyCaseAmongOtherCodings() {
    for (String value : new String[] {"gzip", "GZIP", "x-gzip", " gzip ", "deflate, gzip", "br;q=1.0,gzip;q=0.5",
        "gzip;q=0.001", "gzip;q=1", "gzip;q=0;level=1", "identity, X-Gzip ; q=0.8"}) {
      assertThat(ScrapeResponder.acceptsGzip(value)).as(value).isTrue();
    }
  }

  @Test
  void refusesGzipWeightedZeroOrNotNamed() {
    for (String value : new String[] {"gzip;q=0", "gzip; q=0.0", "GZIP;Q=0.000", "gzip;q = 0.", "deflate, gzip;q=0",
        "br", "identity", "", "gzipx", "x-gzip;q=0.00", "deflate;q=1,x-gzip ;q=0"}) {
      assertThat(ScrapeResponder.acceptsGzip(value)).as(value).isFalse();
    }
    assertThat(ScrapeResponder.acceptsGzip(null)).isFalse();
  }

  @Test
  void readsOnlyTheFirstSixteenCodings() {
    String fifteen = "a,".repeat(15);
    assertThat(ScrapeResponder.acceptsGzip(fifteen + "gzip")).isTrue();
    assertThat(ScrapeResponder.acceptsGzip(fifteen + "b,gzip")).isFalse();
  }
}
