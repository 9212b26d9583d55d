package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sample reads a trace id's last four hex digits as a number below 65536 and keeps those under its share. */
class TraceIdSampleTest {
  private static final String PREFIX = "4bf92f3577b34da6a3ce929d0e0e";

  @Test
  void keepsTheIdsWhoseLastFourHexDigitsFallBelowTheRatiosShare() {
    TraceIdSample half = new TraceIdSample(0.5); // 32768 of 65536
    assertThat(half.keeps(PREFIX + "7fff")).isTrue();
    assertThat(half.keeps(PREFIX + "8000")).isFalse();
    assertThat(half.keeps(PREFIX + "0000")).isTrue();
    assertThat(half.keeps(PREFIX + "ffff")).isFalse();
    TraceIdSample onePercent = new TraceIdSample(RecentTraces.EXPORTING_SAMPLE_RATIO); // 655 = 0x028f
    assertThat(onePercent.keeps(PREFIX + "028e")).isTrue();
    assertThat(onePercent.keeps(PREFIX + "028f")).isFalse();
    assertThat(onePercent.keeps(PREFIX + "a28e")).isFalse();
  }

  @Test
  void upperCaseDigitsReadAsTheirLowerCaseValues() {
    TraceIdSample half = new TraceIdSample(0.5);
    assertThat(half.keeps(PREFIX + "7FFF")).isTrue();
    assertThat(half.keeps(PREFIX + "8ABC")).isFalse();
    assertThat(new TraceIdSample(0.01).keeps(PREFIX + "028E")).isTrue();
  }

  @Test
  void ratiosZeroAndOneNeedNoDigits() {
    assertThat(new TraceIdSample(1).keeps("")).isTrue();
    assertThat(new TraceIdSample(0).keeps(PREFIX + "0000")).isFalse();
  }
}
