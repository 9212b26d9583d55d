package dev.observa.logging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.redaction.RedactionPolicy;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void keyNamesAreWrittenFromTheTableAndTheirFlagFollowsTheSetPassed() {
    MemberKeys redactToken = new MemberKeys(RedactionPolicy.defaults(), Set.of(), 128);
    MemberKeys redactNothing = new MemberKeys(RedactionPolicy.builder().noDefaultKeys().build(), Set.of(), 128);
    JsonWriter json = new JsonWriter();
    for (int round = 0; round < 3; round++) {
      json.reset();
      json.beginObject();
      assertThat(json.keyName("Token", redactToken)).isTrue();
      json.string("x");
      assertThat(json.keyName("user", redactToken)).isFalse();
      json.string("y");
      assertThat(json.keyName("k\"ey\n" + "a".repeat(80), redactToken)).isFalse();
      json.string("z");
      json.endObject();
      assertThat(json.toString()).isEqualTo("{\"Token\":\"x\",\"user\":\"y\",\"k\\\"ey\\n" + "a".repeat(80) + "\":\"z\"}");
    }
    json.reset();
    assertThat(json.keyName("Token", redactNothing)).isFalse();
    assertThat(json.keyName("Token", redactToken)).isTrue();
  }

  @Test
  void keysBeyondTheKeptBoundAreWrittenWithTheirOwnNameAndFlagEveryTime() {
    MemberKeys redacted = new MemberKeys(RedactionPolicy.defaults(), Set.of(), 128);
    int keys = MemberKeys.MAX_KEPT_KEYS * 3;
    for (int round = 0; round < 2; round++) {
      JsonWriter json = new JsonWriter();
      StringBuilder expected = new StringBuilder("{");
      json.beginObject();
      for (int i = 0; i < keys; i++) {
        String key = i % 7 == 0 ? "password" : "key" + i;
        assertThat(json.keyName(key, redacted)).isEqualTo(key.equals("password"));
        json.number(i);
        expected.append(i == 0 ? "" : ",").append('"').append(key).append("\":").append(i);
      }
      json.endObject();
      assertThat(json.toString()).isEqualTo(expected.append('}').toString());
    }
  }

  @Test
  void aMemberRunIsRenderedOncePerValueAndWrittenWithTheRightCommas() {
    java.util.concurrent.atomic.AtomicInteger renders = new java.util.concurrent.atomic.AtomicInteger();
    JsonWriter.MemberRun<String> run = (json, id) -> {
      renders.incrementAndGet();
      json.field("id", id);
      json.field("len", String.valueOf(id.length()));
    };
    String a = "a\"1";
    String b = "bb";
    JsonWriter json = new JsonWriter();
    for (String value : new String[] {a, a, b, a}) {
      json.reset();
      json.beginObject();
      json.memberRun(value, run);
      json.field("after", "x");
      json.endObject();
      json.beginObject();
      json.field("before", "y");
      json.memberRun(value, run);
      json.endObject();
      String escaped = value.replace("\"", "\\\"");
      assertThat(json.toString()).isEqualTo("{\"id\":\"" + escaped + "\",\"len\":\"" + value.length()
          + "\",\"after\":\"x\"}{\"before\":\"y\",\"id\":\"" + escaped + "\",\"len\":\"" + value.length() + "\"}");
    }
    assertThat(renders).hasValue(3);
  }

  @Test
  void aMemberRunFirstRenderedAfterAnotherMemberIsRepeatedWithoutThatComma() {
    JsonWriter.MemberRun<String> run = (json, id) -> json.field("id", id);
    JsonWriter json = new JsonWriter();
    json.beginObject();
    json.field("before", "y");
    json.memberRun("a", run); // rendered here, after a comma
    json.endObject();
    json.beginObject();
    json.memberRun("a", run); // copied: first member, no comma
    json.endObject();
    assertThat(json.toString()).isEqualTo("{\"before\":\"y\",\"id\":\"a\"}{\"id\":\"a\"}");
  }

  @Test
  void userKeysCollidingWithOwnNamesAreRenamedAndLongKeysCut() {
    MemberKeys keys = new MemberKeys(RedactionPolicy.defaults(), Set.of("trace_id", "trace.id", "body"), 12);
    JsonWriter json = new JsonWriter();
    json.beginObject();
    for (String key : new String[] {"trace_id", "trace", "trace.id.x", "trace.other", "body", "abcdefghijklmn"}) {
      json.keyName(key, keys);
      json.number(1);
    }
    json.endObject();
    assertThat(json.toString()).isEqualTo("{\"_trace_id\":1,\"_trace\":1,\"_trace.id.x\":1,\"trace.other\":1,"
        + "\"_body\":1,\"abcdefghijkl…\":1}");
  }

  @Test
  void everyAsciiCharIsWrittenAsItIsOnlyWhenPrintableAndNeitherQuoteNorBackslash() {
    for (char c = 0; c < 0x80; c++) {
      JsonWriter json = new JsonWriter();
      json.string("a" + c + "b");
      String expected = switch (c) {
        case '"' -> "\\\"";
        case '\\' -> "\\\\";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        case '\b' -> "\\b";
        case '\f' -> "\\f";
        default -> c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
      };
      assertThat(json.toString()).as("char %d", (int) c).isEqualTo("\"a" + expected + "b\"");
    }
  }
  @Test
  void aValueEscapedAndRedactedInOnePassIsWrittenAsTheRedactedValueWrittenAfterwards() {
    RedactionPolicy policy = RedactionPolicy.builder().patterns("acct-[0-9]{4}").build();
    String[] pieces = {"password=", "hunter2", "\"api_key\": \"", "token: ", "Bearer ", "eyJhbGci", ".", "eyJzdWIi",
        "4111 1111 1111 1111", "SQL [INSERT INTO t VALUES ('s')]", "https://h/p?token=abc", "acct-1234", " ", "\n",
        "\"", "\\", "é", "\u2028", "\ud83d\ude00", "\ud83d", "\u0001", "x", "=", ":", "user42: 3", "日本"};
    byte[] name = JsonWriter.encodeName("message");
    java.util.Random random = new java.util.Random(77);
    for (int maxLength : new int[] {Integer.MAX_VALUE, 24}) {
      JsonWriter fused = new JsonWriter(16).maxStringLength(maxLength);
      JsonWriter apart = new JsonWriter(16).maxStringLength(maxLength);
      for (int round = 0; round < 20_000; round++) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(random.nextBoolean() ? 4 : 30); i >= 0; i--) {
          text.append(pieces[random.nextInt(pieces.length)]);
        }
        String value = round % 100 == 0 ? null : text.toString();
        fused.reset();
        apart.reset();
        fused.beginObject();
        apart.beginObject();
        fused.redactedField(name, value, policy);
        apart.field(name, policy.text(value));
        fused.name("again");
        apart.name("again");
        fused.redactedString(value, policy);
        apart.string(policy.text(value));
        fused.name("plain");
        apart.name("plain");
        fused.redactedString("plain", policy);
        apart.string("plain");
        fused.endObject();
        apart.endObject();
        assertThat(fused.toString()).as("%s (max %d)", value, maxLength).isEqualTo(apart.toString());
      }
    }
  }
}
