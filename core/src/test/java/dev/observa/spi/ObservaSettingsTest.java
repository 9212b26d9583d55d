package dev.observa.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.context.DeclaredKeys;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ObservaSettingsTest {
  private static ObservaSettings redacting(String... keys) {
    return new ObservaSettings("svc", null, null, "i", DeclaredKeys.defaults(), Set.of(keys));
  }

  @Test
  void redactionMatchesKeysIgnoringCaseWhicheverCaseTheyWereConfiguredIn() {
    ObservaSettings settings = redacting("Password", "api_key", "X-Auth-Token");
    assertThat(settings.isRedacted("password")).isTrue();
    assertThat(settings.isRedacted("PASSWORD")).isTrue();
    assertThat(settings.isRedacted("API_KEY")).isTrue();
    assertThat(settings.isRedacted("x-auth-token")).isTrue();
    assertThat(settings.redactedKeys()).containsExactlyInAnyOrder("password", "api_key", "x-auth-token");
  }

  @Test
  void keysThatOnlyShareALengthOrAFirstLetterAreNotRedacted() {
    ObservaSettings settings = redacting("token", "secret");
    assertThat(settings.isRedacted("tokens")).isFalse();   // same first letter, other length
    assertThat(settings.isRedacted("tomato")).isFalse();   // same first letter and length as secret? no: t, 6
    assertThat(settings.isRedacted("region")).isFalse();   // same length as secret
    assertThat(settings.isRedacted("sECRET")).isTrue();
    assertThat(settings.isRedacted("")).isFalse();
    assertThat(settings.isRedacted(null)).isFalse();
  }

  @Test
  void aKeyWhoseFirstCharIsNotAsciiStillTakesTheFullCaseInsensitiveTest() {
    // U+212A KELVIN SIGN lower-cases to an ASCII k
    ObservaSettings settings = redacting("key");
    assertThat(settings.isRedacted("\u212Aey")).isTrue();
  }

  @Test
  void noRedactedKeysMeansNothingIsRedacted() {
    assertThat(redacting().isRedacted("password")).isFalse();
  }
}
