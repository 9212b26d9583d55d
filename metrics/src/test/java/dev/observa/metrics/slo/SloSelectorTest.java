package dev.observa.metrics.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class SloSelectorTest {
  private static Slo.Builder http(String name) {
    return Slo.builder(name).service("shop").operation(OperationMetrics.HTTP_SERVER).availability().objective(99);
  }

  @Test
  void theServiceIsSelectedByTheJobLabelUnlessAnotherLabelIsChosen() {
    assertThat(http("a").build().selector()).startsWith("job=\"shop\"");
    Slo byService = http("b").serviceLabel("service_name").build();
    assertThat(byService.selector()).startsWith("service_name=\"shop\"");
    assertThat(SloRules.standard().render(List.of(byService))).contains("{service_name=\\\"shop\\\",")
        .doesNotContain("job=");
  }

  @Test
  void httpSlosLeaveActuatorRoutesOutByDefault() {
    Slo slo = http("a").build();
    assertThat(slo.selector()).isEqualTo("job=\"shop\",http_route!~\"/actuator.*\"");
    assertThat(slo.excludes("/actuator/health")).isTrue();
    assertThat(slo.excludes("/orders")).isFalse();
    assertThat(slo.excludes(null)).isFalse();
  }

  @Test
  void anEmptyExclusionKeepsEveryRouteAndGoldenSignalsHaveNoRouteMatcher() {
    assertThat(http("a").excludedRoutes("").build().selector()).isEqualTo("job=\"shop\"");
    Slo checkout = Slo.builder("c").service("shop").operation("checkout").availability().objective(99).build();
    assertThat(checkout.selector()).isEqualTo("job=\"shop\"");
  }

  @Test
  void backslashesInTheRoutePatternAreEscapedForPromql() {
    assertThat(http("a").excludedRoutes("/internal\\..*").build().selector())
        .endsWith("http_route!~\"/internal\\\\..*\"");
  }

  @Test
  void rejectsAnInvalidServiceLabelOrRoutePatternNamingTheField() {
    assertThatIllegalArgumentException().isThrownBy(() -> http("a").serviceLabel("service-name"))
        .withMessageContaining("'serviceLabel' is 'service-name'");
    assertThatIllegalArgumentException().isThrownBy(() -> http("a").excludedRoutes("/actuator("))
        .withMessageContaining("'excludedRoutes' is '/actuator('");
  }

  @Test
  void theYamlFormatTakesTheServiceLabelAndTheExcludedRoutes() {
    SloConfig config = SloConfig.parse(String.join("\n",
        "slos:",
        "  - name: api",
        "    service: shop",
        "    serviceLabel: service",
        "    operation: http.server.request",
        "    excludedRoutes: \"/actuator.*|/internal/.*\"",
        "    kind: availability",
        "    objective: 99.5",
        ""));
    assertThat(config.slos().get(0).selector())
        .isEqualTo("service=\"shop\",http_route!~\"/actuator.*|/internal/.*\"");
  }
}
