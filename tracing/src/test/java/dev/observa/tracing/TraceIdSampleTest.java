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

  @Test
  void keepsExactlyTheSuffixesBelowTheThresholdForEveryOneOfThe65536() {
    for (double ratio : new double[] {0.01, 0.3, 0.5, 0.999, 1.0 / 65536, 4097.0 / 65536}) {
      TraceIdSample sample = new TraceIdSample(ratio);
      int threshold = (int) Math.round(ratio * TraceIdSample.RANGE);
      int kept = 0;
      for (int suffix = 0; suffix < TraceIdSample.RANGE; suffix++) {
        boolean keeps = sample.keeps(PREFIX + String.format("%04x", suffix));
        assertThat(keeps).as("ratio %s, suffix %04x", ratio, suffix).isEqualTo(suffix < threshold);
        kept += keeps ? 1 : 0;
      }
      assertThat(kept).isEqualTo(threshold);
    }
  }
}
