package dev.observa.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** OpenTelemetry configuration, "Enum": "Enum values SHOULD be interpreted in a case-insensitive manner." */
class SettingCaseTest {
  private static final Setting MODE = Setting.of("mode", "observa.mode", "otel.mode", null, "fast, safe",
      value -> Set.of("fast", "safe").contains(value));

  @Test
  void aCaseInsensitiveSettingGivesItsNamesInLowerCase() {
    Setting names = MODE.caseInsensitive();
    assertThat(names.check("observa.mode", " FAST ")).isEqualTo("fast");
    assertThat(names.normalize("Safe")).isEqualTo("safe");
    assertThat(names.isCaseInsensitive()).isTrue();
    assertThat(names.property()).isEqualTo(MODE.property());
  }

  @Test
  void aPlainSettingStaysCaseSensitive() {
    assertThatIllegalArgumentException().isThrownBy(() -> MODE.check("observa.mode", "FAST"))
        .withMessage("observa.mode is 'FAST': allowed values are fast, safe");
    assertThat(MODE.normalize(" Fast ")).isEqualTo("Fast");
  }

  @Test
  void theTurkishLocaleDoesNotChangeTheNames() {
    java.util.Locale previous = java.util.Locale.getDefault();
    java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
    try {
      Setting names = Setting.of(null, "observa.x", null, null, "info", "info"::equals).caseInsensitive();
      assertThat(names.check("observa.x", "INFO")).isEqualTo("info");
    } finally {
      java.util.Locale.setDefault(previous);
    }
  }
}
