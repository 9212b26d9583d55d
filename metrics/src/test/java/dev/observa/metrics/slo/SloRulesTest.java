package dev.observa.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.Observa;
import dev.observa.metrics.PrometheusMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class SloRulesTest {
  static final Slo AVAILABILITY = Slo.builder("checkout-availability").service("checkout").operation("checkout")
      .availability().objective(99.9).window("30d").label("team", "payments")
      .annotation("runbook_url", "https://runbooks.example/checkout").build();
  static final Slo LATENCY = Slo.builder("checkout-latency").service("checkout").operation("checkout")
      .latency(0.1).objective(99).window("28d").groupBy("route").build();

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(String yaml, int group) {
    Map<String, Object> root = new Yaml().load(yaml);
    List<Map<String, Object>> groups = (List<Map<String, Object>>) root.get("groups");
    return (List<Map<String, Object>>) groups.get(group).get("rules");
  }

  @Test
  void recordsTheErrorRatioOverEveryWindowAndTheSloWindow() {
    List<Map<String, Object>> rules = rules(SloRules.standard().render(List.of(AVAILABILITY)), 0);
    assertThat(rules).filteredOn(r -> r.containsKey("record")).extracting(r -> r.get("record")).contains(
        "slo:sli_error:ratio_rate5m", "slo:sli_error:ratio_rate30m", "slo:sli_error:ratio_rate1h",
        "slo:sli_error:ratio_rate2h", "slo:sli_error:ratio_rate6h", "slo:sli_error:ratio_rate1d",
        "slo:sli_error:ratio_rate3d", "slo:sli_error:ratio_rate30d", "slo:error_budget_remaining:ratio");
    Map<String, Object> fiveMinutes = rules.get(0);
    assertThat((String) fiveMinutes.get("expr")).isEqualTo(
        "sum (rate(checkout_requests_total{job=\"checkout\",outcome=\"error\"}[5m]))\n/\n"
            + "sum (rate(checkout_requests_total{job=\"checkout\"}[5m]))");
    assertThat(fiveMinutes.get("labels")).isEqualTo(Map.of("slo", "checkout-availability", "service", "checkout"));
    assertThat(rules).filteredOn(r -> "slo:error_budget_remaining:ratio".equals(r.get("record"))).singleElement()
        .satisfies(r -> assertThat(r.get("expr"))
            .isEqualTo("1 - (slo:sli_error:ratio_rate30d{slo=\"checkout-availability\"} / 0.001)"));
  }

  @Test
  void alertsFollowTheWorkbooksMultiWindowMultiBurnRates() {
    List<Map<String, Object>> alerts = rules(SloRules.standard().render(List.of(AVAILABILITY)), 0).stream()
        .filter(r -> r.containsKey("alert")).toList();
    assertThat(alerts).hasSize(4).allSatisfy(a -> assertThat(a.get("alert")).isEqualTo("ErrorBudgetBurn"));
    assertThat(alerts.get(0).get("expr")).isEqualTo("slo:sli_error:ratio_rate1h{slo=\"checkout-availability\"} > 0.0144"
        + " and slo:sli_error:ratio_rate5m{slo=\"checkout-availability\"} > 0.0144");
    assertThat(alerts.get(1).get("expr").toString()).contains("ratio_rate6h", "ratio_rate30m", "> 0.006");
    assertThat(alerts.get(2).get("expr").toString()).contains("ratio_rate1d", "ratio_rate2h", "> 0.003");
    assertThat(alerts.get(3).get("expr").toString()).contains("ratio_rate3d", "ratio_rate6h", "> 0.001");
    assertThat(alerts).extracting(a -> (Object) ((Map<?, ?>) a.get("labels")).get("severity"))
        .containsExactly("page", "page", "ticket", "ticket");
    assertThat(alerts.get(0).get("for")).isEqualTo("2m");
    assertThat(alerts.get(3).get("for")).isEqualTo("15m");
    Map<?, ?> annotations = (Map<?, ?>) alerts.get(0).get("annotations");
    assertThat(annotations.get("runbook_url")).isEqualTo("https://runbooks.example/checkout");
    assertThat(annotations.get("description").toString()).contains("14.4 x 0.001").contains("spent in 2d 2h")
        .doesNotContain("\n");
    assertThat(((Map<?, ?>) alerts.get(0).get("labels")).get("team")).isEqualTo("payments");
  }

  @Test
  void latencyCountsRequestsOverTheThresholdBucketAsErrorsGroupedAsDeclared() {
    List<Map<String, Object>> rules = rules(SloRules.standard().render(List.of(LATENCY)), 0);
    assertThat(rules.get(0).get("expr")).isEqualTo("1 - (\n"
        + "sum by (route) (rate(checkout_duration_seconds_bucket{job=\"checkout\",le=\"0.1\"}[5m]))\n/\n"
        + "sum by (route) (rate(checkout_duration_seconds_count{job=\"checkout\"}[5m]))\n)");
    assertThat(rules).extracting(r -> r.get("record")).contains("slo:sli_error:ratio_rate28d");
  }

  @Test
  void scaledWindowsShortenEveryAlertWindowButNotTheSloWindow() {
    String yaml = SloRules.withWindows(BurnRateWindows.standard().scaledDown(60)).render(List.of(AVAILABILITY));
    assertThat(yaml).contains("slo:sli_error:ratio_rate1m", "slo:sli_error:ratio_rate5s", "slo:sli_error:ratio_rate30d")
        .contains("for: 2s").doesNotContain("ratio_rate1h");
  }

  @Test
  void badDeclarationsFailNamingTheFieldAndTheValue() {
    assertThatIllegalArgumentException().isThrownBy(() -> Slo.builder("x").objective(100))
        .withMessageContaining("'objective'").withMessageContaining("100");
    assertThatIllegalArgumentException().isThrownBy(() -> Slo.builder("x").objective(0))
        .withMessageContaining("'objective'");
    assertThatIllegalArgumentException().isThrownBy(() -> Slo.builder("x").window("30 days"))
        .withMessageContaining("'window'").withMessageContaining("'30 days'");
    assertThatIllegalArgumentException().isThrownBy(() -> Slo.builder("x").service("s").operation("o")
        .latency(0.3).objective(99).build())
        .withMessageContaining("'threshold'").withMessageContaining("0.3").withMessageContaining("0.25");
    assertThatIllegalArgumentException().isThrownBy(() -> Slo.builder("x").service("s").operation("o").objective(99).build())
        .withMessageContaining("'kind'");
    assertThatIllegalArgumentException().isThrownBy(() -> Slo.builder("Bad Name"))
        .withMessageContaining("'Bad Name'");
    assertThatIllegalArgumentException().isThrownBy(() -> Slo.builder("x").operation("no such"))
        .withMessageContaining("'operation'");
    assertThatIllegalArgumentException().isThrownBy(() -> SloRules.standard().render(List.of(AVAILABILITY, AVAILABILITY)))
        .withMessageContaining("declared twice");
  }

  @Test
  void anOperationWithoutGoldenSignalMetricsIsReported() {
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build()) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> SloRules.requireOperations(List.of(AVAILABILITY), prometheus))
          .withMessageContaining("'operation' is 'checkout'").withMessageContaining("checkout_requests_total");
      obs.goldenSignals("checkout").register();
      SloRules.requireOperations(List.of(AVAILABILITY, LATENCY), prometheus);
    }
  }
}
