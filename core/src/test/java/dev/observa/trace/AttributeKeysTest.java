package dev.observa.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.redaction.RedactionPolicy;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import org.junit.jupiter.api.Test;

class AttributeKeysTest {
  private final AttributeKeys keys = new AttributeKeys();

  @Test
  void sameNameGivesTheSameKeyEqualToTheSdkOne() {
    assertThat(keys.string("http.route").key).isSameAs(keys.string("http.route").key)
        .isEqualTo(AttributeKey.stringKey("http.route"));
    assertThat(keys.longKey("http.response.status_code"))
        .isEqualTo(AttributeKey.longKey("http.response.status_code"));
    assertThat(keys.doubleKey("ratio").getType()).isEqualTo(AttributeType.DOUBLE);
    assertThat(keys.booleanKey("cached").getType()).isEqualTo(AttributeType.BOOLEAN);
  }

  @Test
  void aNameUsedWithTwoTypesGetsOneKeyPerType() {
    assertThat(keys.string("attempt").key.getType()).isEqualTo(AttributeType.STRING);
    assertThat(keys.longKey("attempt").getType()).isEqualTo(AttributeType.LONG);
  }

  @Test
  void keysFromUnboundedNamesStayCorrectAndTheCacheStaysBounded() {
    for (int i = 0; i < 3 * AttributeKeys.MAX_KEYS; i++) {
      assertThat(keys.string("request.header." + i).key.getKey()).isEqualTo("request.header." + i);
    }
    String longName = "k".repeat(AttributeKeys.MAX_KEY_LENGTH + 1);
    assertThat(keys.string(longName).key).isEqualTo(AttributeKey.stringKey(longName))
        .isNotSameAs(keys.string(longName).key);
    assertThat(keys.stringKeysKept()).isLessThanOrEqualTo(AttributeKeys.MAX_KEYS);
  }

  @Test
  void aRememberedCleanValueAnswersOnlyForItselfUnderItsOwnPolicyAndBound() {
    RedactionPolicy defaults = RedactionPolicy.defaults();
    RedactionPolicy strict = RedactionPolicy.builder().patterns("postgres[a-z]*").build();
    AttributeKeys.StringKey system = keys.string("db.system");
    String postgres = "postgresql";

    assertThat(system.safe(defaults, postgres, 4096)).isSameAs(postgres);
    assertThat(system.safe(defaults, postgres, 4096)).isSameAs(postgres);
    // the same instance under another policy is judged by that policy
    assertThat(system.safe(strict, postgres, 4096)).isEqualTo(RedactionPolicy.REDACTED);
    // another value under the same key and policy is judged too
    assertThat(system.safe(defaults, "Bearer abc.defg", 4096)).isEqualTo("Bearer " + RedactionPolicy.REDACTED);
    assertThat(system.safe(defaults, postgres, 4096)).isSameAs(postgres);
    // and under a shorter bound it is cut, not answered from the memo
    assertThat(system.safe(defaults, postgres, 8)).isEqualTo("postgres");
    assertThat(system.safe(defaults, postgres, 4096)).isSameAs(postgres);
  }

  @Test
  void secretKeysAndUrlKeysAreRedactedAtEveryCall() {
    RedactionPolicy policy = RedactionPolicy.defaults();
    AttributeKeys.StringKey token = keys.string("api_token");
    AttributeKeys.StringKey url = keys.string("url.full");
    String value = "abc";
    String withSecret = "https://h/x?token=t";
    for (int i = 0; i < 3; i++) {
      assertThat(token.safe(policy, value, 4096)).isEqualTo(RedactionPolicy.REDACTED);
      assertThat(url.safe(policy, withSecret, 4096)).isEqualTo("https://h/x?token=REDACTED");
    }
  }
}
