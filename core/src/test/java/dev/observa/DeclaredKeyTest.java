package dev.observa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.Route;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclaredKeyTest {

  @Test
  void metricTagNeedsABoundedValueSet() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> DeclaredKey.builder("region").routes(Route.METRIC_TAG))
        .withMessageContaining("metricTagValues");
    DeclaredKey region = DeclaredKey.builder("region").metricTagValues("eu", "us").build();
    assertThat(region.routesTo(Route.METRIC_TAG)).isTrue();
    assertThat(region.boundedTagValue("eu")).isEqualTo("eu");
    assertThat(region.boundedTagValue("attacker-chosen")).isEqualTo(DeclaredKey.OTHER_TAG_VALUE);
    assertThat(region.boundedTagValue(null)).isEqualTo(DeclaredKey.OTHER_TAG_VALUE);
  }

  @Test
  void metricTagIndexFollowsTheDeclarationOrderAndPutsOtherLast() {
    DeclaredKey region = DeclaredKey.builder("region").metricTagValues("us", "eu", "us").build();
    assertThat(region.metricTagIndex("us")).isZero();
    assertThat(region.metricTagIndex(new String("eu"))).isEqualTo(1);
    assertThat(region.metricTagIndex("attacker-chosen")).isEqualTo(2);
    assertThat(region.metricTagIndex(null)).isEqualTo(2);
    assertThat(DeclaredKey.builder("plain").routes(Route.LOG).build().metricTagIndex("x")).isZero();
  }

  @Test
  void rejectsInvalidKeyNames() {
    assertThatIllegalArgumentException().isThrownBy(() -> DeclaredKey.builder("has space"))
        .withMessageContaining("'has space'");
    assertThatIllegalArgumentException().isThrownBy(() -> DeclaredKey.builder(null));
  }

  @Test
  void tenantIsDeclaredByDefaultForLogsAndSpansButNotPropagated() {
    DeclaredKeys keys = DeclaredKeys.defaults();
    assertThat(keys.tenant().routes()).containsExactlyInAnyOrder(Route.LOG, Route.SPAN_ATTRIBUTE);
    assertThat(keys.baggageKeys()).isEmpty();
    assertThat(keys.routes("anything", Route.LOG)).isFalse();
  }

  @Test
  void declaringTenantReplacesTheDefaultAndLaterDeclarationsWin() {
    DeclaredKeys keys = DeclaredKeys.of(List.of(
        DeclaredKey.builder("tenant").routes(Route.PROPAGATE).build(),
        DeclaredKey.builder("greeting").routes(Route.LOG).build(),
        DeclaredKey.builder("greeting").routes(Route.SPAN_ATTRIBUTE).build()));
    assertThat(keys.tenant().routes()).containsExactly(Route.PROPAGATE);
    assertThat(keys.routes("greeting", Route.LOG)).isFalse();
    assertThat(keys.routes("greeting", Route.SPAN_ATTRIBUTE)).isTrue();
    assertThat(keys.baggageKeys()).extracting(DeclaredKey::name).containsExactly("greeting");
  }

  @Test
  void routedToListsTheBaggageKeysReachingASinkInDeclarationOrderThenTheTenant() {
    DeclaredKeys keys = DeclaredKeys.of(List.of(
        DeclaredKey.builder("region").routes(Route.SPAN_ATTRIBUTE, Route.LOG).build(),
        DeclaredKey.builder("greeting").routes(Route.PROPAGATE).build(),
        DeclaredKey.builder("plan").routes(Route.SPAN_ATTRIBUTE).build()));
    assertThat(keys.routedTo(Route.SPAN_ATTRIBUTE)).extracting(DeclaredKey::name)
        .containsExactly("region", "plan", "tenant");
    assertThat(keys.routedTo(Route.LOG)).extracting(DeclaredKey::name).containsExactly("region", "tenant");
    assertThat(keys.routedTo(Route.PROPAGATE)).extracting(DeclaredKey::name).containsExactly("greeting");
    assertThat(keys.routedTo(Route.METRIC_TAG)).isEmpty();
    assertThat(DeclaredKeys.defaults().routedTo(Route.SPAN_ATTRIBUTE)).containsExactly(DeclaredKeys.defaults().tenant());
    assertThat(keys.tenant().isTenant()).isTrue();
    assertThat(keys.get("region").isTenant()).isFalse();
  }
}
