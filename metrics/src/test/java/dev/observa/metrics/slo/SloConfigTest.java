package dev.observa.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloConfigTest {
  static final String YAML = String.join("\n",
      "slos:",
      "  - name: checkout-availability",
      "    service: checkout",
      "    operation: checkout",
      "    kind: availability",
      "    objective: 99.9",
      "    window: 30d",
      "    groupBy: [route]",
      "    labels: { team: payments }",
      "    annotations: { runbook_url: \"https://runbooks.example/checkout\" }",
      "  - name: checkout-latency",
      "    service: checkout",
      "    operation: checkout",
      "    kind: latency",
      "    threshold: 0.1",
      "    objective: 99",
      "");

  @Test
  void readsDeclarationsFromYaml() {
    SloConfig config = SloConfig.parse(YAML);
    assertThat(config.slos()).hasSize(2);
    Slo availability = config.slos().get(0);
    assertThat(availability.objective()).isEqualTo(99.9);
    assertThat(availability.window()).isEqualTo(Duration.ofDays(30));
    assertThat(availability.groupBy()).containsExactly("route");
    assertThat(availability.labels()).containsEntry("team", "payments");
    assertThat(config.slos().get(1).threshold()).isEqualTo(0.1);
    assertThat(config.windows()).isEqualTo(BurnRateWindows.standard());
  }

  @Test
  void badValuesAreReportedWithTheFieldAndValue() {
    assertThatIllegalArgumentException().isThrownBy(() -> SloConfig.parse(YAML.replace("objective: 99.9", "objective: 150")))
        .withMessageContaining("'objective'").withMessageContaining("150");
    assertThatIllegalArgumentException().isThrownBy(() -> SloConfig.parse(YAML.replace("window: 30d", "window: forever")))
        .withMessageContaining("'window'").withMessageContaining("'forever'");
    assertThatIllegalArgumentException().isThrownBy(() -> SloConfig.parse(YAML.replace("threshold: 0.1", "threshold: 0.2")))
        .withMessageContaining("'threshold'").withMessageContaining("0.2");
    assertThatIllegalArgumentException().isThrownBy(() -> SloConfig.parse(YAML.replace("kind: latency", "kind: joy")))
        .withMessageContaining("'kind' is 'joy'");
    assertThatIllegalArgumentException().isThrownBy(() -> SloConfig.parse("slos: []"))
        .withMessageContaining("'slos'");
  }

  @Test
  void yamlTagsThatWouldConstructObjectsAreRefused() {
    assertThatThrownBy(() -> SloConfig.parse("slos: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]"))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void theCliWritesRulesAndExitsTwoOnInvalidInput(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("slo.yaml");
    Path out = dir.resolve("rules.yml");
    Files.writeString(config, YAML);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = SloRulesCli.run(new String[] {"--config", config.toString(), "--out", out.toString()}, System.out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    assertThat(Files.readString(out)).contains("ErrorBudgetBurn", "slo:sli_error:ratio_rate5m");

    Files.writeString(config, YAML.replace("objective: 99.9", "objective: 0"));
    err.reset();
    code = SloRulesCli.run(new String[] {"--config", config.toString()}, System.out,
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("'objective'");
    assertThat(SloRulesCli.run(new String[] {"--bogus"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isEqualTo(2);
  }
}
