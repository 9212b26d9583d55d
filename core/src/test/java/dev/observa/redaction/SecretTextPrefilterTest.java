package dev.observa.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The prefilter decides whether the default detectors run at all: a "no" where a detector would match leaks a
 * secret. It probes rather than reads every char, so it is checked against the plain char-by-char definition.
 */
class SecretTextPrefilterTest {
  private static final String ALPHABET = "0123456789 - -eyJbBasicrearRCIASEYjx.ſ\u0130é\u2028";

  @Test
  void prefilterAgreesWithACharByCharScanOnRandomText() {
    Random random = new Random(19);
    for (int round = 0; round < 50_000; round++) {
      int length = random.nextInt(160); // both sides of the short-text length
      StringBuilder text = new StringBuilder(length);
      boolean digitHeavy = random.nextBoolean();
      for (int i = 0; i < length; i++) {
        text.append(digitHeavy && random.nextInt(4) > 0 ? (char) ('0' + random.nextInt(10))
            : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String candidate = text.toString();
      assertThat(SecretText.mayHoldDefaultSecret(candidate)).as(candidate).isEqualTo(charByChar(candidate));
    }
  }

  /** A colon a key may precede: any but a URL's scheme separator (RFC 3986: scheme ":" "//" authority). */
  private static final Pattern KEY_COLON = Pattern.compile(":(?!//)");

  @Test
  void marksAgreeWithSearchesForEachMarkInShortAndLongText() {
    Random random = new Random(23);
    String[] pieces = {"SQL ", "SQ", "L ", "ERROR: ", "ERROR", ":", "=", "S", "E", "x", " ", "eyJ", "Bearer ", "41111",
        "-", "é", "token", "://", "//", "/", ":/"};
    for (int round = 0; round < 50_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(24); i >= 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String candidate = text.toString();
      int expected = (charByChar(candidate) ? SecretText.DEFAULT_SECRET : 0)
          | (candidate.contains("SQL ") || candidate.contains("ERROR: ") ? SecretText.DATABASE_ERROR : 0)
          | (candidate.indexOf('=') >= 0 ? SecretText.EQUALS : 0) | (KEY_COLON.matcher(candidate).find() ? SecretText.COLON : 0);
      assertThat(SecretText.marks(candidate)).as(candidate).isEqualTo(expected);
    }
  }

  @Test
  void digitRunsAreFoundWhereverTheyStartAndBreakOnTwoSeparators() {
    String run = "4111 1111-1111 1";
    for (int offset = 0; offset < 60; offset++) { // both sides of the short-text length
      String padding = "x".repeat(offset);
      assertThat(SecretText.mayHoldDefaultSecret(padding + run + padding)).as("offset %d", offset).isTrue();
      assertThat(SecretText.mayHoldDefaultSecret(padding + "411111111111" + padding)).isFalse(); // 12 digits
      assertThat(SecretText.mayHoldDefaultSecret(padding + "411111 -1111111" + padding)).isFalse();
    }
  }

  @Test
  void prefilterSaysYesWheneverADefaultDetectorWouldRedact() {
    Pattern jwt = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    Pattern auth = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)([A-Za-z0-9._~+/-]+=*)");
    Pattern card = Pattern.compile("(?<![0-9])[2-6](?:[ -]?[0-9]){12,18}(?![0-9])");
    Random random = new Random(2028);
    String[] pieces = {"eyJhbGci", ".", "eyJzdWIi", "Bearer ", "basic ", "BASIC\t", "dXNlcjpw", "4111", " ", "-",
        "1111", "5", "word", "="};
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(10); i >= 0; i--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String candidate = text.toString();
      if (jwt.matcher(candidate).find() || auth.matcher(candidate).find() || card.matcher(candidate).find()) {
        assertThat(SecretText.mayHoldDefaultSecret(candidate)).as(candidate).isTrue();
      }
    }
  }

  @Test
  void textGivenTheKindsOfItsCharsIsRedactedExactlyAsTextReadByTheRule() {
    // a sink that reads every char anyway hands the rule the OR of textKind over them; the answer must not differ
    RedactionPolicy policy = RedactionPolicy.builder().patterns("acct-[0-9]{4}").build();
    String[] pieces = {"password=", "hunter2", "\"api_key\": \"", "token: ", "Bearer ", "eyJhbGci", ".", "eyJzdWIi",
        "4111 1111 1111 1111", "4111111111111112", "SQL [INSERT INTO t VALUES ('s')]", "ERROR: x at or near \"'p'\"",
        "Key (email)=(a@b.example) ", "https://h/p?token=abc", "acct-1234", " ", "\n", "é", "\u2028", "user42: 3",
        "x", "=", ":", "://", "dXNlcjpwYXNz", "basic "};
    Random random = new Random(4242);
    for (int round = 0; round < 50_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(random.nextBoolean() ? 6 : 30); i >= 0; i--) { // both sides of the short-text length
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String candidate = text.toString();
      int kinds = 0;
      for (int i = 0; i < candidate.length(); i++) {
        kinds |= RedactionPolicy.textKind(candidate.charAt(i));
      }
      String expected = policy.text(candidate);
      String given = policy.text(candidate, kinds);
      assertThat(given).as(candidate).isEqualTo(expected);
      if (expected == candidate) {
        assertThat(given).as("unchanged text comes back as the same instance: %s", candidate).isSameAs(candidate);
      }
    }
  }

  /** The definition: every char read, a counter of digits reset by anything but one separator between two. */
  private static boolean charByChar(String text) {
    int digits = 0;
    boolean separator = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits >= 13) {
          return true;
        }
        separator = false;
      } else if ((c == ' ' || c == '-') && digits > 0 && !separator) {
        separator = true;
      } else {
        digits = 0;
        separator = false;
        if (c == 'e' && text.startsWith("yJ", i + 1) || (c == 'b' || c == 'B')
            && (text.regionMatches(true, i, "bearer", 0, 6) || text.regionMatches(true, i, "basic", 0, 5))) {
          return true;
        }
      }
    }
    return false;
  }
}
