package dev.observa.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated rules judged by promtool: syntax, then unit tests of the alerts over synthetic series. */
class SloPromtoolIT {
  private static final Slo AVAILABILITY = Slo.builder("checkout-availability").service("checkout")
      .operation("checkout").availability().objective(99.9).window("30d").label("team", "payments").build();
  private static final Slo LATENCY = Slo.builder("checkout-latency").service("checkout").operation("checkout")
      .latency(0.1).objective(99).window("30d").build();

  private static Path promtool() {
    Path tool = Path.of("/usr/bin/promtool");
    boolean present = Files.isExecutable(tool);
    if ("1".equals(System.getenv("OBSERVA_REQUIRE_TOOLS"))) {
      assertThat(present).as("promtool is installed (.ci/run installs it)").isTrue();
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(present, "promtool is not installed");
    return tool;
  }

  private static String run(Path dir, String... command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void generatedRulesPassPromtoolCheckRules(@TempDir Path dir) throws Exception {
    Path promtool = promtool();
    Files.writeString(dir.resolve("rules.yml"), SloRules.standard().render(List.of(AVAILABILITY, LATENCY)));
    assertThat(run(dir, promtool.toString(), "check", "rules", "rules.yml")).contains("SUCCESS");
  }

  @Test
  void burnRateAlertsFireAtTheExpectedTimesOnSyntheticSeries(@TempDir Path dir) throws Exception {
    Path promtool = promtool();
    Files.writeString(dir.resolve("rules.yml"), SloRules.standard().render(List.of(AVAILABILITY, LATENCY)));
    List<BurnRateWindows.Alert> alerts = BurnRateWindows.standard().alerts();
    String tests = String.join("\n",
        "rule_files:",
        "  - rules.yml",
        "evaluation_interval: 1m",
        "tests:",
        // availability: 100 errors in every 1100 requests (9%) burns a 0.1% budget at every rate
        "  - interval: 1m",
        "    input_series:",
        "      - series: 'checkout_requests_total{job=\"checkout\",outcome=\"success\",error_type=\"\"}'",
        "        values: '0+1000x120'",
        "      - series: 'checkout_requests_total{job=\"checkout\",outcome=\"error\",error_type=\"java.io.IOException\"}'",
        "        values: '0+100x120'",
        "    alert_rule_test:",
        "      - eval_time: 1m",
        "        alertname: ErrorBudgetBurn",
        "        exp_alerts: []",                                            // pending, not firing yet
        "      - eval_time: 10m",
        "        alertname: ErrorBudgetBurn",
        "        exp_alerts:",
        expected(AVAILABILITY, alerts.subList(0, 2)),                       // pages after 2m
        "      - eval_time: 40m",
        "        alertname: ErrorBudgetBurn",
        "        exp_alerts:",
        expected(AVAILABILITY, alerts),                                     // tickets after 15m more
        // latency: 10% of requests over 100 ms against a 1% budget: 6x page and both tickets, not 14.4x
        "  - interval: 1m",
        "    input_series:",
        "      - series: 'checkout_duration_seconds_bucket{job=\"checkout\",le=\"0.1\"}'",
        "        values: '0+900x120'",
        "      - series: 'checkout_duration_seconds_count{job=\"checkout\"}'",
        "        values: '0+1000x120'",
        "    alert_rule_test:",
        "      - eval_time: 40m",
        "        alertname: ErrorBudgetBurn",
        "        exp_alerts:",
        expected(LATENCY, alerts.subList(1, 4)),
        // healthy latency: 0.5% slow against a 1% budget never alerts
        "  - interval: 1m",
        "    input_series:",
        "      - series: 'checkout_duration_seconds_bucket{job=\"checkout\",le=\"0.1\"}'",
        "        values: '0+995x120'",
        "      - series: 'checkout_duration_seconds_count{job=\"checkout\"}'",
        "        values: '0+1000x120'",
        "    alert_rule_test:",
        "      - eval_time: 100m",
        "        alertname: ErrorBudgetBurn",
        "        exp_alerts: []",
        "");
    Files.writeString(dir.resolve("tests.yml"), tests);
    assertThat(run(dir, promtool.toString(), "test", "rules", "tests.yml")).contains("SUCCESS");
  }

  /**
   * HTTP SLOs select the service by the label Prometheus carries it in (here {@code service}, set by relabelling,
   * while {@code job} names the scrape pool) and leave the actuator's routes out: failing health checks burn no
   * budget, failing user requests do.
   */
  @Test
  void httpRulesSelectTheServiceLabelAndLeaveActuatorTrafficOut(@TempDir Path dir) throws Exception {
    Path promtool = promtool();
    Slo api = Slo.builder("api-availability").service("shop").serviceLabel("service")
        .operation(OperationMetrics.HTTP_SERVER).availability().objective(99).window("30d").build();
    Files.writeString(dir.resolve("rules.yml"), SloRules.standard().render(List.of(api)));
    String count = "http_server_request_duration_seconds_count";
    String tests = String.join("\n",
        "rule_files:",
        "  - rules.yml",
        "evaluation_interval: 1m",
        "tests:",
        // healthy users, a health check failing half the time: no alert
        "  - interval: 1m",
        "    input_series:",
        "      - series: '" + count + "{job=\"kubernetes-pods\",service=\"shop\",http_route=\"/orders\",error_type=\"\"}'",
        "        values: '0+1000x120'",
        "      - series: '" + count + "{job=\"kubernetes-pods\",service=\"shop\",http_route=\"/orders\",error_type=\"500\"}'",
        "        values: '0+1x120'",
        "      - series: '" + count + "{job=\"kubernetes-pods\",service=\"shop\",http_route=\"/actuator/health\",error_type=\"\"}'",
        "        values: '0+500x120'",
        "      - series: '" + count + "{job=\"kubernetes-pods\",service=\"shop\",http_route=\"/actuator/health\",error_type=\"503\"}'",
        "        values: '0+500x120'",
        "    alert_rule_test:",
        "      - eval_time: 40m",
        "        alertname: ErrorBudgetBurn",
        "        exp_alerts: []",
        // 10% of user requests fail against a 1% budget: the 6x page and both tickets fire
        "  - interval: 1m",
        "    input_series:",
        "      - series: '" + count + "{job=\"kubernetes-pods\",service=\"shop\",http_route=\"/orders\",error_type=\"\"}'",
        "        values: '0+900x120'",
        "      - series: '" + count + "{job=\"kubernetes-pods\",service=\"shop\",http_route=\"/orders\",error_type=\"500\"}'",
        "        values: '0+100x120'",
        "    alert_rule_test:",
        "      - eval_time: 40m",
        "        alertname: ErrorBudgetBurn",
        "        exp_alerts:",
        expected(api, BurnRateWindows.standard().alerts().subList(1, 4)),
        "");
    Files.writeString(dir.resolve("tests.yml"), tests);
    assertThat(run(dir, promtool.toString(), "test", "rules", "tests.yml")).contains("SUCCESS");
  }

  private static String expected(Slo slo, List<BurnRateWindows.Alert> alerts) {
    List<String> lines = new ArrayList<>();
    for (BurnRateWindows.Alert alert : alerts) {
      lines.add("          - exp_labels:");
      SloRules.alertLabels(slo, alert).forEach((k, v) -> lines.add("              " + k + ": " + SloRules.quote(v)));
      lines.add("            exp_annotations:");
      for (Map.Entry<String, String> e : SloRules.annotations(slo, alert).entrySet()) {
        lines.add("              " + e.getKey() + ": " + SloRules.quote(e.getValue()));
      }
    }
    return String.join("\n", lines);
  }
}
