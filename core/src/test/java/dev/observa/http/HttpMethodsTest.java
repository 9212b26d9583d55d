package dev.observa.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Semantic conventions, http-spans.md / http-metrics.md, {@code http.request.method}: "By default, this
 * convention defines "known" methods as the ones listed in RFC9110, the PATCH method defined in RFC5789 and the
 * QUERY method defined in httpbis-safe-method-w-body." "If the HTTP request method is not known to
 * instrumentation, it MUST set the http.request.method attribute to _OTHER."
 */
class HttpMethodsTest {
  private final HttpMethods known = HttpMethods.defaults();

  @ParameterizedTest
  @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY"})
  void knownMethodsAreReportedAsTheyAre(String method) {
    assertThat(known.normalize(method)).isEqualTo(method);
  }

  /** "HTTP method names are case-sensitive and http.request.method attribute value MUST match a known HTTP method name exactly." */
  @ParameterizedTest
  @ValueSource(strings = {"get", "Post", "FOO", "PROPFIND", "", "GET ", "JUNK-0001"})
  void unknownOrWrongCaseMethodsBecomeOther(String method) {
    assertThat(known.normalize(method)).isEqualTo("_OTHER");
  }

  @Test
  void nullMethodIsOther() {
    assertThat(known.normalize(null)).isEqualTo(HttpMethods.OTHER);
  }

  @Test
  void normalizeHandsBackTheHeldNameNeverTheCallersString() {
    String received = new String("GET".toCharArray());
    assertThat(known.normalize(received)).isEqualTo("GET").isNotSameAs(received);
  }

  @Test
  void everyMethodOfALongListIsKnownAlsoWhenTheyShareALookupSlot() {
    List<String> many = java.util.stream.IntStream.range(0, 200).mapToObj(i -> "M" + i + "X").toList();
    HttpMethods custom = HttpMethods.of(many);
    for (String method : many) {
      String received = new String(method.toCharArray());
      assertThat(custom.normalize(received)).isEqualTo(method).isNotSameAs(received);
    }
    assertThat(custom.normalize("M200X")).isEqualTo("_OTHER");
    assertThat(custom.normalize("GET")).isEqualTo("_OTHER");
  }

  /** "this list MUST be a full override of the default known method, it is not a list of known methods in addition to the defaults" */
  @Test
  void anOverrideReplacesTheDefaultList() {
    HttpMethods custom = HttpMethods.parse("GET, PROPFIND,GET");
    assertThat(custom.names()).containsExactly("GET", "PROPFIND");
    assertThat(custom.normalize("PROPFIND")).isEqualTo("PROPFIND");
    assertThat(custom.normalize("POST")).isEqualTo("_OTHER");
    assertThat(HttpMethods.of(List.of("POST")).toString()).isEqualTo("POST");
  }

  @Test
  void rejectsAMethodThatIsNotATokenNamingIt() {
    assertThatIllegalArgumentException().isThrownBy(() -> HttpMethods.parse("GET,BAD METHOD"))
        .withMessageContaining("'BAD METHOD'");
    assertThatIllegalArgumentException().isThrownBy(() -> HttpMethods.of(List.of("GE(T")))
        .withMessageContaining("'GE(T'");
    assertThatIllegalArgumentException().isThrownBy(() -> HttpMethods.parse(" , "))
        .withMessageContaining("at least one");
  }
}
