package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.http.HttpClientMetrics;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import dev.observa.http.HttpServerMetrics;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP metrics as OpenTelemetry's HTTP semantic conventions name them, exposed through the real Prometheus
 * backend, and bounded against request data (issue 14: junk methods, many peers).
 */
class HttpConventionMetricsTest {
  private static final HttpMethods KNOWN = HttpMethods.defaults();
  private static final long MS_40 = TimeUnit.MILLISECONDS.toNanos(40);

  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();

  @AfterEach
  void close() {
    obs.close();
  }

  private static HttpExchange get(String method, String route, int status) {
    return HttpExchange.server(KNOWN, method, "http").route(route).status(status).protocolVersion("HTTP/1.1");
  }

  private String text() {
    return prometheus.scrape("text/plain").body();
  }

  /**
   * http-metrics.md: "http.server.request.duration | Histogram | s" with "ExplicitBucketBoundaries of [ 0.005,
   * 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10 ]"; error.type "SHOULD NOT" be set on success.
   */
  @Test
  void serverRequestsGoToOneDurationHistogramWithConventionLabels() {
    HttpServerMetrics metrics = new HttpServerMetrics(obs, 1000, null);
    metrics.finished(get("GET", "/orders/{id}", 200), MS_40);
    metrics.finished(get("GET", "/orders/{id}", 404), MS_40);
    metrics.finished(get("GET", "/orders/{id}", 503), MS_40);
    metrics.finished(get("POST", "/orders", 500).failure(new IllegalStateException("boom")), MS_40);
    String text = text();
    String ok = "http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/orders/{id}\","
        + "network_protocol_version=\"1.1\",url_scheme=\"http\"";
    assertThat(text).contains("# TYPE http_server_request_duration_seconds histogram\n")
        .contains("http_server_request_duration_seconds_bucket{error_type=\"\"," + ok + ",le=\"0.05\"} 1\n")
        .contains("http_server_request_duration_seconds_bucket{error_type=\"\"," + ok + ",le=\"0.025\"} 0\n")
        .contains("http_server_request_duration_seconds_count{error_type=\"\"," + ok.replace("200", "404") + "} 1\n")
        .contains("http_server_request_duration_seconds_count{error_type=\"503\"," + ok.replace("200", "503") + "} 1\n")
        .contains("http_server_request_duration_seconds_count{error_type=\"java.lang.IllegalStateException\","
            + "http_request_method=\"POST\",http_response_status_code=\"500\",http_route=\"/orders\"");
    for (String le : new String[] {"0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.25", "0.5", "0.75", "1.0",
        "2.5", "5.0", "7.5", "10.0", "+Inf"}) {
      assertThat(text).contains(ok + ",le=\"" + le + "\"}");
    }
    assertThat(text).doesNotContain("http_server_requests_total").doesNotContain("http_server_duration_seconds");
  }

  /** "http.route: MUST NOT be populated when this is not supported ... the URI path can NOT substitute it." */
  @Test
  void requestsWithoutARouteHaveNoRouteLabelNeverThePath() {
    HttpServerMetrics metrics = new HttpServerMetrics(obs, 1000, null);
    metrics.finished(HttpExchange.server(KNOWN, "GET", "http").path("/no/such/page/123").status(404), MS_40);
    assertThat(text()).contains("http_route=\"\"").doesNotContain("/no/such/page");
  }

  @Test
  void activeRequestsRiseAndFallByMethodAndScheme() {
    HttpServerMetrics metrics = new HttpServerMetrics(obs, 1000, null);
    HttpExchange first = get("GET", "/a", 200);
    metrics.started(first);
    metrics.started(get("GET", "/b", 200));
    assertThat(text()).contains("http_server_active_requests{http_request_method=\"GET\",url_scheme=\"http\"} 2.0\n");
    metrics.finished(first, MS_40);
    assertThat(text()).contains("http_server_active_requests{http_request_method=\"GET\",url_scheme=\"http\"} 1.0\n");
  }

  /**
   * Issue 14: 3,000 junk methods used up the 1,000-series budget so real routes fell into the overflow series, and
   * 20,000 more left 20,000 retained map entries. Now every junk method is _OTHER.
   */
  @Test
  void twentyThousandJunkMethodsLeaveSeriesAndRetainedInstrumentsBoundedAndRealRoutesKeepTheirSeries() {
    HttpServerMetrics metrics = new HttpServerMetrics(obs, 1000, null);
    for (int i = 0; i < 20_000; i++) {
      HttpExchange junk = HttpExchange.server(KNOWN, "JUNK" + i, "http").route("/orders/{id}").status(405);
      metrics.started(junk);
      metrics.finished(junk, MS_40);
    }
    for (HttpExchange real : new HttpExchange[] {get("GET", "/orders/{id}", 200), get("DELETE", "/orders/{id}", 204)}) {
      metrics.started(real);
      metrics.finished(real, MS_40);
    }
    // three duration series and three active-request gauges (_OTHER, GET, DELETE)
    assertThat(metrics.retainedInstruments()).isEqualTo(6);
    assertThat(prometheus.seriesCounts()).containsEntry("http_server_request_duration_seconds", 3);
    String text = text();
    assertThat(text).contains("http_server_request_duration_seconds_count{error_type=\"\",http_request_method=\"_OTHER\","
        + "http_response_status_code=\"405\",http_route=\"/orders/{id}\",network_protocol_version=\"\",url_scheme=\"http\"} 20000\n");
    assertThat(text).contains("http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/orders/{id}\"")
        .contains("http_request_method=\"DELETE\",http_response_status_code=\"204\"")
        .contains("http_server_active_requests{http_request_method=\"_OTHER\",url_scheme=\"http\"} 0.0\n")
        .doesNotContain("otel_metric_overflow").doesNotContain("JUNK");
  }

  /** A scheme can come from a header (X-Forwarded-Proto behind a proxy): a flood of them stays within 64 gauges. */
  @Test
  void twentyThousandSchemesKeepTheActiveRequestGaugesBoundedAndEveryStartedRequestIsFinishedInItsGauge() {
    HttpServerMetrics metrics = new HttpServerMetrics(obs, 1000, null);
    for (int i = 0; i < 20_000; i++) {
      HttpExchange exchange = HttpExchange.server(KNOWN, "GET", "s" + i).route("/orders/{id}").status(200);
      metrics.started(exchange);
      metrics.finished(exchange, MS_40);
    }
    assertThat(metrics.retainedInstruments()).isLessThanOrEqualTo(1000 + 64);
    String text = text();
    assertThat(text).contains("http_server_active_requests{http_request_method=\"GET\",url_scheme=\"s0\"} 0.0\n")
        .contains("http_server_active_requests{otel_metric_overflow=\"true\"} 0.0\n");
  }

  /** Peers come from URLs, which may come from request data: bounded by the series budget, never kept beyond it. */
  @Test
  void twentyThousandPeersStayWithinTheBudgetAndTheRestIsCountedInOverflow() {
    HttpClientMetrics metrics = new HttpClientMetrics(obs, 50);
    for (int i = 0; i < 20_000; i++) {
      metrics.record(HttpExchange.client(KNOWN, "GET", URI.create("http://peer" + i + ".example:8080/x")).status(200), MS_40);
    }
    assertThat(metrics.retainedInstruments()).isEqualTo(50);
    assertThat(prometheus.seriesCounts()).containsEntry("http_client_request_duration_seconds", 51);
    assertThat(text()).contains("http_client_request_duration_seconds_count{otel_metric_overflow=\"true\"} 19950\n");
  }

  /** http-metrics.md, http.client.request.duration: server.address and server.port are Required; url.full is not an attribute. */
  @Test
  void clientCallsAreMeasuredByMethodPeerStatusAndErrorType() {
    HttpClientMetrics metrics = new HttpClientMetrics(obs, 1000);
    URI url = URI.create("http://inventory:8080/items/42?token=abc");
    metrics.record(HttpExchange.client(KNOWN, "GET", url).status(200), MS_40);
    metrics.record(HttpExchange.client(KNOWN, "GET", url).status(404), MS_40);
    metrics.record(HttpExchange.client(KNOWN, "PROPFIND", url).failure(new java.net.ConnectException()), MS_40);
    String text = text();
    assertThat(text)
        .contains("http_client_request_duration_seconds_count{error_type=\"\",http_request_method=\"GET\","
            + "http_response_status_code=\"200\",network_protocol_version=\"\",server_address=\"inventory\",server_port=\"8080\"} 1\n")
        .contains("http_client_request_duration_seconds_count{error_type=\"404\",http_request_method=\"GET\","
            + "http_response_status_code=\"404\"")
        .contains("http_client_request_duration_seconds_count{error_type=\"java.net.ConnectException\","
            + "http_request_method=\"_OTHER\",http_response_status_code=\"\"")
        .doesNotContain("items/42").doesNotContain("abc");
  }
}
