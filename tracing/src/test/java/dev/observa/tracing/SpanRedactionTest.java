package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.sun.net.httpserver.HttpServer;
import dev.observa.Observa;
import dev.observa.context.DeclaredKey;
import dev.observa.context.Route;
import dev.observa.http.HttpClientTracing;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Span attributes, events and statuses obey the one redaction policy. */
class SpanRedactionTest {
  private final Observa obs = Observa.builder().noDiscovery().serviceName("redaction")
      .declare(DeclaredKey.builder("session_id").routes(Route.PROPAGATE, Route.SPAN_ATTRIBUTE).build())
      .tracing(OtelTracing.create()).build();
  private final RecentTraces recent = obs.unwrap(RecentTraces.class);

  @AfterEach
  void close() {
    obs.close();
  }

  private SpanData only(String traceId) {
    return recent.trace(traceId).get(0);
  }

  @Test
  void secretKeysInAnySpellingAndUrlCredentialsAreRedactedOnSpans() {
    String traceId;
    try (ActiveSpan span = obs.span("call").attribute("access_token", "t0k").attribute("clientSecret", "s")
        .attribute("url.full", "https://user:pass@api.example/v1?q=1&api_key=k").attribute("author", "Ada")
        .startActive()) {
      span.attribute("X-Api-Key", "k2").attribute("url.query", "sig=abc&q=2");
      traceId = span.context().traceId();
    }
    SpanData data = only(traceId);
    assertThat(data.getAttributes().get(AttributeKey.stringKey("access_token"))).isEqualTo("[REDACTED]");
    assertThat(data.getAttributes().get(AttributeKey.stringKey("clientSecret"))).isEqualTo("[REDACTED]");
    assertThat(data.getAttributes().get(AttributeKey.stringKey("X-Api-Key"))).isEqualTo("[REDACTED]");
    assertThat(data.getAttributes().get(AttributeKey.stringKey("url.full")))
        .isEqualTo("https://REDACTED:REDACTED@api.example/v1?q=1&api_key=REDACTED");
    assertThat(data.getAttributes().get(AttributeKey.stringKey("url.query"))).isEqualTo("sig=REDACTED&q=2");
    assertThat(data.getAttributes().get(AttributeKey.stringKey("author"))).isEqualTo("Ada");
  }

  @Test
  void declaredBaggageWithASecretKeyReachesSpansRedacted() {
    String traceId;
    try (Scope scope = obs.context().withBaggage("session_id", "abc").makeCurrent();
         ActiveSpan span = obs.span("with-session").startActive()) {
      traceId = span.context().traceId();
    }
    assertThat(only(traceId).getAttributes().get(AttributeKey.stringKey("session_id"))).isEqualTo("[REDACTED]");
  }

  @Test
  void exceptionTextsOnSpansAreRedactedAndBounded() {
    Throwable deep = new IllegalStateException("card 4111 1111 1111 1111 refused");
    for (int i = 0; i < 5000; i++) {
      deep = new RuntimeException("wrapped with Bearer abc.DEF-123456", deep);
    }
    Throwable chain = deep;
    String traceId;
    try (ActiveSpan span = obs.span("pay").startActive()) {
      assertThatCode(() -> span.recordException(chain)).doesNotThrowAnyException();
      traceId = span.context().traceId();
    }
    SpanData data = only(traceId);
    EventData event = data.getEvents().get(0);
    assertThat(event.getName()).isEqualTo("exception");
    assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.message")))
        .isEqualTo("wrapped with Bearer [REDACTED]");
    String stack = event.getAttributes().get(AttributeKey.stringKey("exception.stacktrace"));
    assertThat(stack).startsWith("java.lang.RuntimeException: wrapped with Bearer [REDACTED]\n").doesNotContain("abc.DEF");
    assertThat(data.getStatus().getDescription()).isEqualTo("java.lang.RuntimeException: wrapped with Bearer [REDACTED]");
  }

  @Test
  void anExceptionWhoseGetMessageThrowsIsRecordedWithAMarker() {
    Exception hostile = new IllegalStateException() {
      @Override
      public String getMessage() {
        throw new UnsupportedOperationException();
      }
    };
    String traceId;
    try (ActiveSpan span = obs.span("hostile").startActive()) {
      assertThatCode(() -> span.recordException(hostile)).doesNotThrowAnyException();
      traceId = span.context().traceId();
    }
    assertThat(only(traceId).getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.message")))
        .contains("getMessage() failed");
  }

  @Test
  @Timeout(30)
  void theJdkClientsSpanStoresItsUrlWithoutSecretQueryValues() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      HttpClientTracing http = new HttpClientTracing(obs,
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/cb?access_token=abc&state=1");
      String traceId;
      try (ActiveSpan parent = obs.span("parent").startActive()) {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET(),
            HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(204);
        traceId = parent.context().traceId();
      }
      String url = recent.trace(traceId).stream().filter(s -> s.getName().equals("GET")).findFirst().orElseThrow()
          .getAttributes().get(AttributeKey.stringKey("url.full"));
      assertThat(url).endsWith("/cb?access_token=REDACTED&state=1");
    } finally {
      server.stop(0);
    }
  }
}
