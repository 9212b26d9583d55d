package dev.observa.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import org.junit.jupiter.api.Test;

class AttributeKeysTest {
  private final AttributeKeys keys = new AttributeKeys();

  @Test
  void sameNameGivesTheSameKeyEqualToTheSdkOne() {
    assertThat(keys.string("http.route")).isSameAs(keys.string("http.route"))
        .isEqualTo(AttributeKey.stringKey("http.route"));
    assertThat(keys.longKey("http.response.status_code"))
        .isEqualTo(AttributeKey.longKey("http.response.status_code"));
    assertThat(keys.doubleKey("ratio").getType()).isEqualTo(AttributeType.DOUBLE);
    assertThat(keys.booleanKey("cached").getType()).isEqualTo(AttributeType.BOOLEAN);
  }

  @Test
  void aNameUsedWithTwoTypesGetsOneKeyPerType() {
    assertThat(keys.string("attempt").getType()).isEqualTo(AttributeType.STRING);
    assertThat(keys.longKey("attempt").getType()).isEqualTo(AttributeType.LONG);
  }

  @Test
  void keysFromUnboundedNamesStayCorrectAndTheCacheStaysBounded() {
    for (int i = 0; i < 3 * AttributeKeys.MAX_KEYS; i++) {
      assertThat(keys.string("request.header." + i).getKey()).isEqualTo("request.header." + i);
    }
    String longName = "k".repeat(AttributeKeys.MAX_KEY_LENGTH + 1);
    assertThat(keys.string(longName)).isEqualTo(AttributeKey.stringKey(longName))
        .isNotSameAs(keys.string(longName));
    assertThat(keys.stringKeysKept()).isLessThanOrEqualTo(AttributeKeys.MAX_KEYS);
  }
}
