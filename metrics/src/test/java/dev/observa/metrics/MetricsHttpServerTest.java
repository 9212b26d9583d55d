package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.Observa;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real HTTP on loopback against the standalone endpoint. */
class MetricsHttpServerTest {
  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();
  private final HttpClient client = HttpClient.newHttpClient();
  private MetricsHttpServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    obs.close();
  }

  private HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesTextOrOpenMetricsByAcceptHeaderAndGzipWhenAsked() throws Exception {
    obs.counter("served").register().increment();
    server = MetricsHttpServer.builder(prometheus).host("127.0.0.1").port(0).start();

    HttpResponse<byte[]> text = send("GET", "/metrics");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(text.headers().firstValue("Content-Type")).hasValue(PrometheusMetrics.TEXT_CONTENT_TYPE);
    assertThat(new String(text.body(), StandardCharsets.UTF_8)).contains("served_total 1.0");

    HttpResponse<byte[]> om = send("GET", "/metrics", "Accept", "application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
    assertThat(om.headers().firstValue("Content-Type")).hasValue(PrometheusMetrics.OPENMETRICS_CONTENT_TYPE);
    assertThat(new String(om.body(), StandardCharsets.UTF_8)).endsWith("# EOF\n");

    HttpResponse<byte[]> zipped = send("GET", "/metrics", "Accept-Encoding", "gzip");
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(unzipped).contains("served_total 1.0");
  }

  @Test
  void servesGzippedProtobufWithNativeHistogramsToAPrometheusThatAsksForIt() throws Exception {
    obs.histogram("rpc.latency").baseUnit("seconds").nativeBuckets(1.1).register().record(0.003);
    server = MetricsHttpServer.builder(prometheus).host("127.0.0.1").port(0).start();
    HttpResponse<byte[]> zipped = send("GET", "/metrics", "Accept", ScrapeFormatTest.PROMETHEUS_PROTOBUF_ACCEPT,
        "Accept-Encoding", "gzip");
    assertThat(zipped.headers().firstValue("Content-Type")).hasValue(PrometheusMetrics.PROTOBUF_CONTENT_TYPE);
    assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    byte[] body = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
    var families = ProtobufScrape.parse(body);
    assertThat(ProtobufScrape.problems(families)).isEmpty();
    assertThat(ProtobufScrape.family(families, "rpc_latency_seconds").getMetric(0).getHistogram().getSchema())
        .isEqualTo(3);
  }

  @Test
  void headAnswersHeadersOnlyAndOtherMethodsGet405() throws Exception {
    server = MetricsHttpServer.builder(prometheus).host("127.0.0.1").port(0).path("/custom").start();
    HttpResponse<byte[]> head = send("HEAD", "/custom");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Type")).isPresent();

    HttpResponse<byte[]> post = send("POST", "/custom");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

    assertThat(send("GET", "/metrics").statusCode()).isEqualTo(404);
  }

  @Test
  void rejectsBadSettings() {
    assertThatIllegalArgumentException().isThrownBy(() -> MetricsHttpServer.builder(prometheus).port(70000));
    assertThatIllegalArgumentException().isThrownBy(() -> MetricsHttpServer.builder(prometheus).path("metrics"));
  }
}
