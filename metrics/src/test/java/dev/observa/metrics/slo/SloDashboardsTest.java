package dev.observa.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloDashboardsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Slo AVAILABILITY = Slo.builder("pay-availability").service("shop").operation("payment.capture")
      .availability().objective(99.9).window("30d").build();
  private static final Slo LATENCY = Slo.builder("pay-latency").service("shop").operation("payment.capture")
      .latency(0.1).objective(99).window("28d").build();
  private static final Slo SEARCH = Slo.builder("search-availability").service("search").operation("search")
      .availability().objective(99.5).build();

  private static JsonNode dashboard(SloDashboards generator, String file, Slo... slos) throws Exception {
    Map<String, String> files = generator.render(List.of(slos));
    assertThat(files).containsKey(file);
    return JSON.readTree(files.get(file));
  }

  private static List<String> exprs(JsonNode dashboard) {
    List<String> exprs = new ArrayList<>();
    dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
    return exprs;
  }

  @Test
  void oneDashboardPerServiceInDeclarationOrder() {
    Map<String, String> files = SloDashboards.builder().build().render(List.of(AVAILABILITY, SEARCH, LATENCY));
    assertThat(files.keySet()).containsExactly("shop.json", "search.json");
  }

  @Test
  void goldenSignalQueriesUseTheOperationsMetricNamesAndTheServiceJob() throws Exception {
    JsonNode shop = dashboard(SloDashboards.builder().build(), "shop.json", AVAILABILITY, LATENCY);
    OperationMetrics m = AVAILABILITY.metrics();
    assertThat(exprs(shop)).contains(
        "sum by (le) (rate(payment_capture_duration_seconds_bucket{job=\"shop\"}[$__rate_interval]))",
        "histogram_quantile(0.99, sum by (le) (rate(payment_capture_duration_seconds_bucket{job=\"shop\"}[$__rate_interval])))",
        "sum(rate(payment_capture_requests_total{job=\"shop\"}[$__rate_interval]))",
        "sum by (error_type) (rate(payment_capture_requests_total{job=\"shop\",outcome=\"error\"}[$__rate_interval]))",
        "sum(payment_capture_in_flight{job=\"shop\"})");
    assertThat(m.durationSeconds()).isEqualTo("payment_capture_duration_seconds");
    assertThat(shop.path("panels").findValuesAsText("title")).containsOnlyOnce("payment.capture: golden signals");
  }

  @Test
  void httpServerOperationUsesOpenTelemetryHttpMetricsWithStatusClasses() throws Exception {
    Slo http = Slo.builder("api-availability").service("api").operation(OperationMetrics.HTTP_SERVER).availability()
        .objective(99.9).build();
    JsonNode api = dashboard(SloDashboards.builder().build(), "api.json", http);
    assertThat(exprs(api)).contains(
        "sum(rate(http_server_request_duration_seconds_count{job=\"api\",http_route!~\"/actuator.*\"}[$__rate_interval]))",
        "sum by (status_class) (label_replace(rate(http_server_request_duration_seconds_count{job=\"api\",http_route!~\"/actuator.*\"}"
            + "[$__rate_interval]), \"status_class\", \"${1}xx\", \"http_response_status_code\", \"([1-5])..\"))",
        "sum by (error_type) (rate(http_server_request_duration_seconds_count{job=\"api\",http_route!~\"/actuator.*\",error_type!=\"\"}"
            + "[$__rate_interval]))",
        "sum(http_server_active_requests{job=\"api\",http_route!~\"/actuator.*\"})");
    assertThat(SloRules.standard().render(List.of(http)))
        .contains("rate(http_server_request_duration_seconds_count{job=\\\"api\\\",http_route!~\\\"/actuator.*\\\",error_type!=\\\"\\\"}[5m])");
  }

  @Test
  void latencyExemplarsLinkToTheConfiguredJaegerDataSource() throws Exception {
    JsonNode shop = dashboard(SloDashboards.builder().prometheusUid("prom-1").jaegerUid("traces-7").build(),
        "shop.json", AVAILABILITY);
    JsonNode quantiles = null;
    for (JsonNode panel : shop.path("panels")) {
      if (panel.path("title").asText().startsWith("Latency p50")) {
        quantiles = panel;
      }
    }
    assertThat(quantiles).isNotNull();
    assertThat(quantiles.path("targets").get(0).path("exemplar").asBoolean()).isTrue();
    assertThat(quantiles.path("datasource").path("uid").asText()).isEqualTo("prom-1");
    JsonNode override = quantiles.path("fieldConfig").path("overrides").get(0);
    assertThat(override.path("matcher").path("scope").asText()).isEqualTo("exemplar");
    assertThat(override.path("matcher").path("options").asText()).isEqualTo("trace_id");
    assertThat(override.findValue("datasourceUid").asText()).isEqualTo("traces-7");
  }

  @Test
  void everySloGetsBudgetRemainingAndBurnRatePerAlertWindowWithTheAlertThresholds() throws Exception {
    JsonNode shop = dashboard(SloDashboards.builder().build(), "shop.json", AVAILABILITY, LATENCY);
    assertThat(exprs(shop)).contains("slo:error_budget_remaining:ratio{slo=\"pay-latency\"}",
        "slo:sli_error:ratio_rate5m{slo=\"pay-availability\"} / 0.001",
        "slo:sli_error:ratio_rate3d{slo=\"pay-latency\"} / 0.01");
    List<Double> thresholds = new ArrayList<>();
    for (JsonNode panel : shop.path("panels")) {
      if (panel.path("title").asText().startsWith("Burn rate") && panel.path("targets").toString().contains("pay-availability")) {
        assertThat(panel.path("targets").findValuesAsText("legendFormat"))
            .containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d");
        panel.path("fieldConfig").path("defaults").path("thresholds").path("steps")
            .forEach(step -> thresholds.add(step.path("value").isNull() ? null : step.path("value").asDouble()));
      }
    }
    assertThat(thresholds).containsExactly(null, 1.0, 3.0, 6.0, 14.4);
  }

  @Test
  void burnRatePanelsFollowScaledDownWindowsLikeTheRules() throws Exception {
    BurnRateWindows scaled = BurnRateWindows.standard().scaledDown(60);
    JsonNode shop = dashboard(SloDashboards.builder().windows(scaled).build(), "shop.json", AVAILABILITY);
    String rules = SloRules.withWindows(scaled).render(List.of(AVAILABILITY));
    for (String expr : exprs(shop)) {
      if (expr.startsWith("slo:")) {
        assertThat(rules).contains("record: \"" + expr.substring(0, expr.indexOf('{')) + "\"");
      }
    }
    assertThat(exprs(shop)).contains("slo:sli_error:ratio_rate5s{slo=\"pay-availability\"} / 0.001");
  }

  @Test
  void rejectsAnInvalidDataSourceUidNamingIt() {
    assertThatThrownBy(() -> SloDashboards.builder().jaegerUid("bad uid"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jaegerUid").hasMessageContaining("'bad uid'");
  }

  @Test
  void rejectsTwoSlosWithOneName() {
    assertThatThrownBy(() -> SloDashboards.builder().build().render(List.of(AVAILABILITY, AVAILABILITY)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pay-availability");
  }

  @Test
  void quotesAndLineSeparatorsInNamesStayValidJson() throws Exception {
    Slo odd = Slo.builder("odd").service("shop\u2028a<b>").operation("x").availability().objective(99).build();
    String text = SloDashboards.builder().build().render(List.of(odd)).values().iterator().next();
    assertThat(text).doesNotContain("\u2028").contains("\\u2028");
    assertThat(JSON.readTree(text).path("title").asText()).startsWith("shop\u2028a<b>");
  }

  @Test
  void cliWritesOneFilePerServiceAndRejectsUnknownArguments(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("slo.yaml");
    Files.writeString(config, "slos:\n  - {name: a, service: shop, operation: checkout, kind: availability, objective: 99.9}\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertThat(SloDashboardsCli.run(new String[] {"--config", config.toString(), "--out", dir.resolve("out").toString(),
        "--jaeger-uid", "j1"}, stream)).isZero();
    assertThat(Files.readString(dir.resolve("out/shop.json"))).contains("\"datasourceUid\": \"j1\"");
    assertThat(SloDashboardsCli.run(new String[] {"--config", config.toString(), "--bogus", "x"}, stream)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--bogus'");
  }
}
