package dev.observa.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the HTTP semantic conventions make of one request, for each side (http-spans.md, http-metrics.md). */
class HttpExchangeTest {
  private static final HttpMethods KNOWN = HttpMethods.defaults();

  private static HttpExchange server(int status) {
    return HttpExchange.server(KNOWN, "GET", "http").route("/orders/{id}").status(status);
  }

  private static HttpExchange client(int status) {
    return HttpExchange.client(KNOWN, "GET", URI.create("http://inventory:8080/items/42")).status(status);
  }

  /**
   * "For HTTP status codes in the 4xx range span status MUST be left unset in case of SpanKind.SERVER and SHOULD
   * be set to Error in case of SpanKind.CLIENT. For HTTP status codes in the 5xx range, as well as any other code
   * the client failed to interpret, span status SHOULD be set to Error."
   */
  @ParameterizedTest
  @CsvSource({"200,false,false", "302,false,false", "404,false,true", "499,false,true", "500,true,true",
      "503,true,true", "99,false,true", "600,true,true"})
  void serversCountFiveHundredsAndClientsAlsoFourHundreds(int status, boolean serverError, boolean clientError) {
    assertThat(server(status).isError()).isEqualTo(serverError);
    assertThat(client(status).isError()).isEqualTo(clientError);
  }

  /**
   * "If response status code was sent or received and status indicates an error ..., error.type SHOULD be set to
   * the status code number (represented as a string)" and "If the request has completed successfully,
   * instrumentations SHOULD NOT set error.type."
   */
  @Test
  void errorTypeIsTheStatusCodeOnAnErrorStatusAndAbsentOnSuccess() {
    assertThat(server(503).errorType()).isEqualTo("503");
    assertThat(server(404).errorType()).isNull();
    assertThat(client(404).errorType()).isEqualTo("404");
    assertThat(client(200).errorType()).isNull();
  }

  /** "error.type SHOULD be set to exception type (its fully-qualified class name, if applicable)" */
  @Test
  void errorTypeIsTheExceptionsFullClassName() {
    assertThat(client(0).failure(new IOException("refused")).errorType()).isEqualTo("java.io.IOException");
    assertThat(server(500).failure(new IllegalStateException()).errorType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(client(0).isError()).isFalse();
  }

  /**
   * "HTTP span names SHOULD be {method} {target} ... If there is no (low-cardinality) {target} available, HTTP
   * span names SHOULD be {method}." "(when {http.request.method} is set to _OTHER), {method} MUST be HTTP."
   * "Instrumentation MUST NOT default to using URI path as a {target}."
   */
  @Test
  void spanNamesAreMethodAndRouteNeverThePath() {
    assertThat(server(200).spanName()).isEqualTo("GET /orders/{id}");
    assertThat(HttpExchange.server(KNOWN, "GET", "http").path("/orders/42").spanName()).isEqualTo("GET");
    assertThat(HttpExchange.server(KNOWN, "JUNK", "http").route("/orders/{id}").spanName()).isEqualTo("HTTP /orders/{id}");
    assertThat(client(200).spanName()).isEqualTo("GET");
  }

  /** "Tracing instrumentations that do so, MUST also set http.request.method_original to the original value." */
  @Test
  void unknownMethodsAreOtherAndKeepTheOriginalForSpansOnly() {
    HttpExchange junk = HttpExchange.server(KNOWN, "get", "http");
    assertThat(junk.method()).isEqualTo("_OTHER");
    assertThat(junk.methodOriginal()).isEqualTo("get");
    assertThat(server(200).methodOriginal()).isNull();
  }

  @Test
  void clientsTakeServerAddressAndPortFromTheUrlWithTheSchemesDefaultPort() {
    HttpExchange exchange = HttpExchange.client(KNOWN, "POST", URI.create("https://api.example.com/v1?q=1"));
    assertThat(exchange.serverAddress()).isEqualTo("api.example.com");
    assertThat(exchange.serverPort()).isEqualTo(443);
    assertThat(client(200).serverPort()).isEqualTo(8080);
    assertThat(HttpExchange.client(KNOWN, "GET", URI.create("http://10.1.2.80/")).serverPort()).isEqualTo(80);
  }

  /** network.protocol.version examples: "1.0; 1.1; 2; 3" — "If the actual protocol version is not known, this attribute SHOULD NOT be set." */
  @ParameterizedTest
  @CsvSource({"HTTP/1.0,1.0", "HTTP/1.1,1.1", "http/1.1,1.1", "1.1,1.1", "HTTP/2.0,2", "HTTP/2,2", "2,2", "HTTP/3,3",
      "HTTP/3.0,3", "HTTP/9.9,", "HTTP/1.10,", "'HTTP/1.1 ',", "HTTP/,", "junk,", ","})
  void protocolVersionsAreNormalizedOrLeftUnset(String protocol, String expected) {
    assertThat(server(200).protocolVersion(protocol).protocolVersion()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"http,http", "HTTPS,https", "ws,ws", "1http,", "a b,", "averyveryverylongscheme,", ","})
  void schemesAreLowerCasedAndBounded(String scheme, String expected) {
    assertThat(HttpExchange.server(KNOWN, "GET", scheme).scheme()).isEqualTo(expected);
  }
}
