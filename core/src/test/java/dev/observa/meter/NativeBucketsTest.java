package dev.observa.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.Observa;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NativeBucketsTest {
  private final Observa obs = Observa.noop();

  @Test
  void factorOnePointOneIsSchemaThreeWhoseFactorDoesNotExceedIt() {
    NativeBuckets layout = NativeBuckets.ofFactor(1.1);
    assertThat(layout.schema()).isEqualTo(3);
    assertThat(layout.factor()).isCloseTo(1.0905, org.assertj.core.data.Offset.offset(1e-4)).isLessThanOrEqualTo(1.1);
    assertThat(NativeBuckets.factor(2)).isGreaterThan(1.1); // the next coarser schema would exceed it
    assertThat(layout.maxBuckets()).isEqualTo(NativeBuckets.DEFAULT_MAX_BUCKETS);
    assertThat(layout.resetDuration()).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest
  @CsvSource({"2, 0", "4, -1", "65536, -4", "1e12, -4", "1.0905077326652577, 3", "1.09, 4", "1.0027112750502025, 8"})
  void picksTheCoarsestSchemaWhoseFactorDoesNotExceedTheRequestedOne(double factor, int schema) {
    assertThat(NativeBuckets.ofFactor(factor).schema()).isEqualTo(schema);
    assertThat(NativeBuckets.factor(schema)).isLessThanOrEqualTo(factor);
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0, 1.001, 0.5, -2, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsFactorsNoSchemaCanHonourNamingTheValue(double factor) {
    assertThatIllegalArgumentException().isThrownBy(() -> obs.histogram("h").nativeBuckets(factor))
        .withMessageContaining("Native bucket factor " + factor);
  }

  @Test
  void limitsAreValidatedInTheSetterAndNeedNativeBucketsFirst() {
    assertThatIllegalArgumentException().isThrownBy(() -> obs.timer("t").nativeMaxBuckets(100))
        .withMessageContaining("nativeMaxBuckets of metric 't' needs native buckets");
    assertThatIllegalArgumentException().isThrownBy(() -> obs.timer("t").nativeBuckets(1.1).nativeMaxBuckets(0))
        .withMessageContaining("bucket limit 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> obs.histogram("h").nativeBuckets(1.1).nativeResetDuration(Duration.ofSeconds(-1)))
        .withMessageContaining("PT-1S");
  }

  @Test
  void limitsSurviveAChangeOfFactor() {
    NativeBuckets layout = NativeBuckets.ofFactor(1.1).withMaxBuckets(40).withResetDuration(Duration.ofHours(1));
    assertThat(layout).isEqualTo(new NativeBuckets(3, 40, Duration.ofHours(1)));
    assertThat(obs.histogram("h").nativeBuckets(2).nativeMaxBuckets(40).nativeBuckets(1.1).register()).isNotNull();
  }
}
