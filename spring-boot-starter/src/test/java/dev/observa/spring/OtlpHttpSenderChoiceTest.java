package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The starter names OpenTelemetry's JDK HTTP sender ({@code io.opentelemetry.sdk.common.export.HttpSenderProvider},
 * the preference setting OpenTelemetry 1.62's {@code SenderUtil} reads) only when two senders are present and the
 * application chose none.
 */
class OtlpHttpSenderChoiceTest {
  private String before;

  @BeforeEach
  void clear() {
    before = System.getProperty(OtlpHttpSenderChoice.PROPERTY);
    System.clearProperty(OtlpHttpSenderChoice.PROPERTY);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(OtlpHttpSenderChoice.PROPERTY);
    } else {
      System.setProperty(OtlpHttpSenderChoice.PROPERTY, before);
    }
  }

  /** Both senders present, as with {@code spring-boot-starter-opentelemetry} beside the starter. */
  private static final Predicate<String> BOTH = name -> true;

  @Test
  void choosesTheJdkSenderWhenBothAreOnTheClassPath() {
    assertThat(OtlpHttpSenderChoice.choose(name -> null, BOTH)).isEqualTo(OtlpHttpSenderChoice.JDK);
    assertThat(System.getProperty(OtlpHttpSenderChoice.PROPERTY)).isEqualTo(OtlpHttpSenderChoice.JDK);
  }

  @Test
  void leavesTheChoiceAloneWithOnlyOneSender() {
    assertThat(OtlpHttpSenderChoice.choose(name -> null, OtlpHttpSenderChoice.JDK::equals)).isNull();
    assertThat(System.getProperty(OtlpHttpSenderChoice.PROPERTY)).isNull();
  }

  @Test
  void anApplicationsSystemPropertyOrVariableWins() {
    System.setProperty(OtlpHttpSenderChoice.PROPERTY, OtlpHttpSenderChoice.OKHTTP);
    assertThat(OtlpHttpSenderChoice.choose(name -> null, BOTH)).isNull();
    assertThat(System.getProperty(OtlpHttpSenderChoice.PROPERTY)).isEqualTo(OtlpHttpSenderChoice.OKHTTP);
    System.clearProperty(OtlpHttpSenderChoice.PROPERTY);
    assertThat(OtlpHttpSenderChoice.choose(
        name -> name.equals(OtlpHttpSenderChoice.VARIABLE) ? OtlpHttpSenderChoice.OKHTTP : null, BOTH))
        .isNull();
    assertThat(System.getProperty(OtlpHttpSenderChoice.PROPERTY)).isNull();
  }
}
