package dev.observa.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedactionPolicyTest {
  private final RedactionPolicy policy = RedactionPolicy.defaults();

  @Test
  void secretKeysInEveryCommonSpellingAreRedactedByDefault() {
    assertThat(new String[] {"access_token", "refresh_token", "client_secret", "clientSecret", "db.password",
        "newPassword", "x-api-key", "Proxy-Authorization", "session_id", "Set-Cookie", "JSESSIONID", "APIKey",
        "X-Auth-Token", "PASSWORD", "aws_secret_access_key", "private-key", "credentials", "accessToken"})
        .allSatisfy(key -> assertThat(policy.isSecretKey(key)).as(key).isTrue());
  }

  @Test
  void ordinaryKeysThatMerelyContainASecretWordAreNotRedacted() {
    assertThat(new String[] {"author", "tokenizer", "max_tokens", "prompt_tokens", "token_count", "token_type",
        "password_length", "session.duration", "authority", "keyboard", "passenger", "compass", "user", "greeting",
        "tenant", "http.request.method", "url.full"})
        .allSatisfy(key -> assertThat(policy.isSecretKey(key)).as(key).isFalse());
    assertThat(policy.isSecretKey(null)).isFalse();
    assertThat(policy.isSecretKey("")).isFalse();
  }

  @Test
  void addedKeysAreMatchedByPartsInAnyCaseAndTheDefaultsStay() {
    RedactionPolicy extended = RedactionPolicy.builder().keys("CVV2", "order.note").build();
    assertThat(extended.isSecretKey("card_cvv2")).isTrue();
    assertThat(extended.isSecretKey("orderNote")).isTrue();
    assertThat(extended.isSecretKey("password")).isTrue();
    RedactionPolicy only = RedactionPolicy.builder().noDefaultKeys().keys("pin").build();
    assertThat(only.isSecretKey("password")).isFalse();
    assertThat(only.isSecretKey("user.pin")).isTrue();
  }

  @Test
  void databaseErrorsLoseTheStatementsLiteralsAndTheRowValuesTheyQuote() {
    // Spring's BadSqlGrammarException / DataIntegrityViolationException messages, as Tomcat's error line repeats them
    String grammar = "Request processing failed: org.springframework.jdbc.BadSqlGrammarException: StatementCallback;"
        + " bad SQL grammar [SELECT * FROM orders WHERE note = 'hunter2-secret' AND id = 42]] with root cause";
    assertThat(policy.text(grammar))
        .doesNotContain("hunter2-secret").doesNotContain("42")
        .contains("bad SQL grammar [SELECT * FROM orders WHERE note = ? AND id = ?]] with root cause");
    // PostgreSQL's detail of a violated key names the row's values
    String duplicate = "PreparedStatementCallback; SQL [INSERT INTO users (email) VALUES (?)]; ERROR: duplicate key"
        + " value violates unique constraint \"users_email_key\"\n  Detail: Key (email)=(alice@example.com) already"
        + " exists.";
    assertThat(policy.text(duplicate)).doesNotContain("alice@example.com")
        .contains("INSERT INTO users (email) VALUES (?)").contains("Key (email)=([REDACTED]) already exists.");
    // ... and the literal a syntax error was found near, while keywords stay for the reader
    assertThat(policy.text("ERROR: syntax error at or near \"'s3cret-token'\"\n  Position: 40"))
        .isEqualTo("ERROR: syntax error at or near \"[REDACTED]\"\n  Position: 40");
    String keyword = "ERROR: syntax error at or near \"FROM\"";
    assertThat(policy.text(keyword)).isSameAs(keyword);
    String ordinary = "order 42 placed for the SQL team";
    assertThat(policy.text(ordinary)).isSameAs(ordinary);
  }

  @Test
  void bearerAndBasicCredentialsJwtsAndCardNumbersAreRedactedInText() {
    assertThat(policy.text("calling with Authorization: Bearer eyZ0.abc-123_DEF now"))
        .isEqualTo("calling with Authorization: Bearer [REDACTED] now");
    assertThat(policy.text("header Basic dXNlcjpodW50ZXIy sent")).isEqualTo("header Basic [REDACTED] sent");
    assertThat(policy.text("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature-1 expired"))
        .isEqualTo("token [REDACTED] expired");
    assertThat(policy.text("card 4111 1111 1111 1111 declined")).isEqualTo("card [REDACTED] declined");
    assertThat(policy.text("card 4111-1111-1111-1111")).isEqualTo("card [REDACTED]");
    assertThat(policy.text("amex 378282246310005.")).isEqualTo("amex [REDACTED].");
  }

  @Test
  void theValueAfterASecretKeyIsRedactedInTextWhateverTheNotation() {
    assertThat(policy.text("boom password=hunter2")).isEqualTo("boom password=[REDACTED]");
    assertThat(policy.text("login failed for user=bob&passwd=hunter2&next=/home"))
        .isEqualTo("login failed for user=bob&passwd=[REDACTED]&next=/home");
    assertThat(policy.text("body {\"user\":\"bob\",\"api_key\": \"k-123 456\",\"n\":1}"))
        .isEqualTo("body {\"user\":\"bob\",\"api_key\": \"[REDACTED]\",\"n\":1}");
    assertThat(policy.text("config db.password: s3cret, clientSecret = 'x y'"))
        .isEqualTo("config db.password: [REDACTED], clientSecret = '[REDACTED]'");
    assertThat(policy.text("Authorization: Bearer abcDEF123456 sent"))
        .isEqualTo("Authorization: Bearer [REDACTED] sent");
    assertThat(policy.text("X-Api-Key:abc123")).isEqualTo("X-Api-Key:[REDACTED]");
  }

  @Test
  void inTextTheValueAfterExactlyTheKeysTheKeyRuleCallsSecretIsRedacted() {
    // the text rule's quick look at a key (its words, ignoring case and separators) must never hide a secret key
    String[] pieces = {"pass", "word", "Pass", "WORD", "_", "-", ".", "api", "Key", "token", "x", "1", "sess", "ion",
        "id", "Auth", "or", "count", "secret", "s", "CVV", "2", "order", "Note"};
    RedactionPolicy extended = RedactionPolicy.builder().keys("CVV2", "order.note").build();
    java.util.Random random = new java.util.Random(80);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder key = new StringBuilder();
      for (int i = random.nextInt(5); i >= 0; i--) {
        key.append(pieces[random.nextInt(pieces.length)]);
      }
      for (RedactionPolicy rules : new RedactionPolicy[] {policy, extended}) {
        String text = "at " + key + "=v4lue next";
        String expected = rules.isSecretKey(key.toString()) ? "at " + key + "=[REDACTED] next" : text;
        assertThat(rules.text(text)).as(text).isEqualTo(expected);
      }
    }
  }

  @Test
  void aUrlSchemeIsNotAKeyButTheKeysAroundUrlsStillAre() {
    // RFC 3986: URI = scheme ":" hier-part; "://" closes a scheme, never a key
    assertThat(policy.text("token://example.com/a")).isEqualTo("token://example.com/a");
    assertThat(policy.text("GET https://example.com/a token: s3cret next"))
        .isEqualTo("GET https://example.com/a token: [REDACTED] next");
    assertThat(policy.text("redis://cache:6379 password:hunter2"))
        .isEqualTo("redis://cache:6379 password:[REDACTED]");
  }

  @Test
  void keysThatOnlyMentionASecretWordKeepTheirValues() {
    String[] kept = {"token_count=3 password_length=12", "user=bob status=ok at 12:30:01",
        "failed to fetch https://example.com/orders/1 (attempt 2)", "Caused by: java.io.IOException: reset",
        "author=jane tokenizer=bpe", "password=", "secret: "};
    for (String text : kept) {
      assertThat(policy.text(text)).as(text).isSameAs(text);
    }
  }

  @Test
  void proseNumbersAndTimestampsThatOnlyLookSecretAreKept() {
    String[] kept = {"the bearer of bad news", "a basic example of basic auth", "order 4111111111111112 (Luhn fails)",
        "at 1795497987042 ms", "trace 4bf92f3577b34da6a3ce929d0e0e4736", "plain text", "eyJ alone"};
    for (String text : kept) {
      assertThat(policy.text(text)).as(text).isSameAs(text);
    }
  }

  @Test
  void addedPatternsRedactTheirMatches() {
    RedactionPolicy extended = RedactionPolicy.builder().patterns("order-secret-[0-9]+").build();
    assertThat(extended.text("got order-secret-42 and $1")).isEqualTo("got [REDACTED] and $1");
  }

  /**
   * Semantic conventions, url.full: "username and password SHOULD be redacted and attribute's value SHOULD be
   * https://REDACTED:REDACTED@www.example.com/"; url.query: "When a query string value is redacted, the query
   * string key SHOULD still be preserved, e.g. q=OpenTelemetry&amp;sig=REDACTED."
   */
  @Test
  void urlsLoseUserInfoAndSecretQueryValuesAsTheSemanticConventionsAsk() {
    assertThat(policy.url("https://user:pass@www.example.com/"))
        .isEqualTo("https://REDACTED:REDACTED@www.example.com/");
    assertThat(policy.url("http://h:8080/p?q=OpenTelemetry&sig=abc&access_token=t0k&X-Goog-Signature=s#frag"))
        .isEqualTo("http://h:8080/p?q=OpenTelemetry&sig=REDACTED&access_token=REDACTED&X-Goog-Signature=REDACTED#frag");
    assertThat(policy.url("https://a.example/cb#access_token=abc&state=1"))
        .isEqualTo("https://a.example/cb#access_token=REDACTED&state=1");
    assertThat(policy.query("q=OpenTelemetry&sig=abc")).isEqualTo("q=OpenTelemetry&sig=REDACTED");
    String plain = "http://localhost:8081/format?name=Bryan";
    assertThat(policy.url(plain)).isSameAs(plain);
  }

  @Test
  void valueAppliesTheRuleThatFitsTheKey() {
    assertThat(policy.value("password", "hunter2")).isEqualTo(RedactionPolicy.REDACTED);
    assertThat(policy.value("url.full", "http://u:p@h/")).isEqualTo("http://REDACTED:REDACTED@h/");
    assertThat(policy.value("url.query", "token=1&q=2")).isEqualTo("token=REDACTED&q=2");
    assertThat(policy.value("note", "Bearer abcdef123456")).isEqualTo("Bearer [REDACTED]");
    assertThat(policy.value("note", null)).isNull();
  }

  @Test
  void invalidKeysAndPatternsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> RedactionPolicy.builder().keys("--")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'--'");
    assertThatThrownBy(() -> RedactionPolicy.builder().patterns("(unclosed"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'(unclosed'");
    assertThatThrownBy(() -> RedactionPolicy.builder().patterns("x*"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matches empty text");
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void valuesSeenBeforeAreAnsweredAlikeAndASecretIsRedactedEveryTimeWhateverTheThreads() throws Exception {
    RedactionPolicy policy = RedactionPolicy.builder().patterns("order-secret-[0-9]+").build();
    String clean = "postgresql";
    assertThat(policy.value("db.system", clean)).isSameAs(clean);
    assertThat(policy.value("db.system", clean)).isSameAs(clean);
    assertThat(policy.value("db.system", new String("postgresql"))).isEqualTo("postgresql");
    // a clean value's instance is remembered; the key rule still comes first for every key
    assertThat(policy.value("api_key", clean)).isEqualTo(RedactionPolicy.REDACTED);
    String[] secrets = {"Bearer abcDEF123456", "order-secret-42", "password=hunter2", "4111 1111 1111 1111"};
    String[] cleans = new String[64];
    for (int i = 0; i < cleans.length; i++) {
      cleans[i] = "value-" + i;
    }
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<Integer>> leaks = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        leaks.add(threads.submit(() -> {
          java.util.Random random = new java.util.Random(seed);
          int leaked = 0;
          for (int i = 0; i < 50_000; i++) {
            String secret = secrets[random.nextInt(secrets.length)];
            String value = random.nextBoolean() ? secret : new String(secret); // new instances too
            leaked += policy.value("note", value).equals(value) ? 1 : 0;
            String plain = cleans[random.nextInt(cleans.length)];
            leaked += policy.value("note", plain) == plain ? 0 : 1;
          }
          return leaked;
        }));
      }
      for (java.util.concurrent.Future<Integer> leak : leaks) {
        assertThat(leak.get()).isZero();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
