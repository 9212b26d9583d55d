package dev.observa.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BaggageHeaderParserTest {
  /** The W3C grammar as a regular expression, applied to one comma-separated member. */
  private static final Pattern MEMBER = Pattern.compile(
      "[ \\t]*([!#$%&'*+\\-.^_`|~0-9A-Za-z]+)[ \\t]*=[ \\t]*((?:[\\x21\\x23-\\x24\\x26-\\x2b\\x2d-\\x3a\\x3c-\\x5b\\x5d-\\x7e]"
          + "|%[0-9A-Fa-f]{2})*)[ \\t]*(?:;[ \\t]*([\\x21\\x23-\\x2b\\x2d-\\x5b\\x5d-\\x7e \\t]*?))?[ \\t]*");

  private static Map<String, String> reference(String header) {
    Map<String, String> members = new LinkedHashMap<>();
    for (String member : header.split(",", -1)) {
      Matcher m = MEMBER.matcher(member);
      if (m.matches()) {
        String value = URLDecoder.decode(m.group(2).replace("+", "%2B"), StandardCharsets.UTF_8);
        String properties = m.group(3) == null || m.group(3).isEmpty() ? "" : m.group(3).replace('\t', ' ');
        if (value.chars().noneMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f)) { // never a control character
          members.put(m.group(1), value + "|" + properties);
        }
      }
    }
    return members;
  }

  private static Map<String, String> parsed(String header) {
    BaggageBuilder builder = Baggage.builder();
    // short known keys, so generated headers also take the path that reuses a known key's string
    BaggageHeaderParser.parse(header, new String[] {"a", "k", "ab", "bK"}, builder);
    Baggage baggage = builder.build();
    Map<String, String> members = new LinkedHashMap<>();
    baggage.forEach((key, entry) -> members.put(key, entry.getValue() + "|" + entry.getMetadata().getValue()));
    return members;
  }

  @Test
  void aMemberWithAKnownKeyIsStoredUnderThatKeyString() {
    String declared = new String("greeting".toCharArray());
    BaggageBuilder builder = Baggage.builder();
    BaggageHeaderParser.parse("greeting=Bonjour, greetings=Hi, greetin=Yo", new String[] {"other", declared}, builder);
    Baggage baggage = builder.build();
    assertThat(baggage.asMap().keySet()).containsExactlyInAnyOrder("greeting", "greetings", "greetin");
    assertThat(baggage.asMap().keySet()).filteredOn(key -> key.equals("greeting")).singleElement().isSameAs(declared);
    assertThat(baggage.getEntryValue("greetings")).isEqualTo("Hi");
    assertThat(baggage.getEntryValue("greetin")).isEqualTo("Yo");
  }

  @Test
  void generatedHeadersParseAsTheW3cGrammarSays() {
    String alphabet = "abkK09_-.=;,, \t%%4Fe\"\\é=!~";
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder header = new StringBuilder();
      int length = random.nextInt(30);
      for (int i = 0; i < length; i++) {
        header.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String text = header.toString();
      assertThat(parsed(text)).as("header <%s>", text).isEqualTo(reference(text));
    }
  }

  @Test
  void validMembersKeepTheirValuesAndPropertiesAndBrokenOnesAreDropped() {
    assertThat(parsed(" user = alice ; p=1 ,bad key=x, tenant=acme%20corp,empty=,q=\"x\""))
        .containsOnly(Map.entry("user", "alice|p=1"), Map.entry("tenant", "acme corp|"), Map.entry("empty", "|"));
  }
}
