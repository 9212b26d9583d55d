package dev.observa.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.Observa;
import dev.observa.http.HttpExchange;
import dev.observa.http.HttpMethods;
import dev.observa.http.HttpServerMetrics;
import dev.observa.metrics.PrometheusMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SLOs over the HTTP server metric of the semantic conventions: errors are the requests with an error.type. */
class HttpSloTest {
  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();
  private final HttpServerMetrics http = new HttpServerMetrics(obs, 1000, null);

  @AfterEach
  void close() {
    obs.close();
  }

  private void serve(int status, long millis) {
    http.finished(HttpExchange.server(HttpMethods.defaults(), "GET", "http").route("/orders").status(status),
        TimeUnit.MILLISECONDS.toNanos(millis));
  }

  private static Slo.Builder slo(String name) {
    return Slo.builder(name).service("shop").operation("http.server.request");
  }

  @Test
  void httpAvailabilityRulesCountRequestsWithAnErrorTypeFromTheHistogram() {
    Slo availability = slo("shop-availability").availability().objective(99.9).build();
    Slo latency = slo("shop-latency").latency(0.1).objective(99).build();
    String rules = SloRules.standard().render(List.of(availability, latency));
    assertThat(rules)
        .contains("sum (rate(http_server_request_duration_seconds_count{job=\\\"shop\\\",http_route!~\\\"/actuator.*\\\",error_type!=\\\"\\\"}[5m]))")
        .contains("sum (rate(http_server_request_duration_seconds_count{job=\\\"shop\\\",http_route!~\\\"/actuator.*\\\"}[5m]))")
        .contains("http_server_request_duration_seconds_bucket{job=\\\"shop\\\",http_route!~\\\"/actuator.*\\\",le=\\\"0.1\\\"}[5m]")
        .doesNotContain("outcome");
    serve(200, 20);
    SloRules.requireOperations(List.of(availability, latency), prometheus);
  }

  @Test
  void anHttpSloBeforeAnyRequestNamesTheMissingHistogram() {
    Slo availability = Slo.builder("early").service("shop").operation("http.client.request").availability().objective(99).build();
    assertThatIllegalArgumentException().isThrownBy(() -> SloRules.requireOperations(List.of(availability), prometheus))
        .withMessageContaining("no metric http_client_request_duration_seconds is exposed");
  }

  @Test
  void anSloOnTheOldHttpOperationNamesTheNewOne() {
    serve(200, 20);
    Slo old = Slo.builder("old").service("shop").operation("http.server").availability().objective(99).build();
    assertThatIllegalArgumentException().isThrownBy(() -> SloRules.requireOperations(List.of(old), prometheus))
        .withMessageContaining("'http.server.request'").withMessageContaining("http_server_request_duration_seconds");
  }

  /** Servers count 5xx as errors, not 4xx (http-spans.md, Status), so a 404 spends no budget. */
  @Test
  void theInProcessMonitorCountsFiveHundredsButNotFourHundreds() {
    AtomicLong clock = new AtomicLong();
    Slo availability = slo("avail").availability().objective(90).build();
    Slo latency = slo("fast").latency(0.1).objective(90).build();
    try (SloMonitor monitor = new SloMonitor(prometheus, List.of(availability, latency), clock::get, null)) {
      for (int i = 0; i < 7; i++) {
        serve(200, 20);
      }
      serve(404, 20);
      serve(503, 20);
      serve(200, 500);
      clock.addAndGet(Duration.ofMinutes(10).toNanos());
      monitor.sample();
      assertThat(monitor.errorRatio("avail", Duration.ofMinutes(30))).isEqualTo(0.1);
      assertThat(monitor.errorRatio("fast", Duration.ofMinutes(30))).isEqualTo(0.1);
    }
  }
}
