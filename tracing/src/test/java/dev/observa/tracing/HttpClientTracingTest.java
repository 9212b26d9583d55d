package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.observa.Observa;
import dev.observa.http.HttpClientTracing;
import dev.observa.metrics.PrometheusMetrics;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The JDK HttpClient helper against a loopback listener: span, injected context, metrics. */
class HttpClientTracingTest {
  @Test
  void callsCarryTheContextAndAreMeasured() throws Exception {
    AtomicReference<String> traceparent = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ok", exchange -> {
      traceparent.set(exchange.getRequestHeaders().getFirst("traceparent"));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.createContext("/fail", exchange -> {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    server.start();
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus)
        .tracing(OtelTracing.builder().build()).build()) {
      HttpClientTracing http = new HttpClientTracing(obs, HttpClient.newHttpClient());
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      String traceId;
      try (ActiveSpan parent = obs.span("caller").startActive()) {
        traceId = parent.context().traceId();
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/ok")), HttpResponse.BodyHandlers.discarding())
            .statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/fail")), HttpResponse.BodyHandlers.discarding())
            .statusCode()).isEqualTo(503);
      }
      SpanData client = obs.unwrap(RecentTraces.class).trace(traceId).stream()
          .filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
      assertThat(traceparent.get()).contains(traceId).contains(client.getSpanId());
      String text = prometheus.scrape("text/plain").body();
      assertThat(text).contains("http_client_requests_total{error=\"none\",http_request_method=\"GET\",outcome=\"success\","
          + "server_address=\"127.0.0.1:" + server.getAddress().getPort() + "\"} 1.0");
      assertThat(text).contains("error=\"http_503\",http_request_method=\"GET\",outcome=\"error\"");
    } finally {
      server.stop(0);
    }
  }
}
