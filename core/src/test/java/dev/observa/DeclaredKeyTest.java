package dev.observa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
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

  @Test
  void mayHaveValuesIsTrueWhereABaggageKeyReachesTheSinkOrOnceATenantWasSet() {
    DeclaredKeys keys = DeclaredKeys.of(List.of(
        DeclaredKey.builder("region").routes(Route.SPAN_ATTRIBUTE).build()));
    assertThat(keys.mayHaveValues(Route.SPAN_ATTRIBUTE)).isTrue();
    assertThat(keys.mayHaveValues(Route.PROPAGATE)).isFalse(); // the tenant is not propagated by default
    ObservaContext.root().withTenant("acme");
    assertThat(DeclaredKeys.defaults().mayHaveValues(Route.SPAN_ATTRIBUTE)).isTrue();
    assertThat(DeclaredKeys.defaults().mayHaveValues(Route.PROPAGATE)).isFalse();
  }

  @Test
  void mayHaveValuesIsFalseForTheTenantAloneUntilATenantIsSet() throws Exception {
    // a class loader of its own: in this test JVM another test may already have set a tenant
    URL[] path = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> {
          try {
            return Path.of(entry).toUri().toURL();
          } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
          }
        }).toArray(URL[]::new);
    try (URLClassLoader fresh = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
      Class<?> keysClass = fresh.loadClass(DeclaredKeys.class.getName());
      Class<?> routeClass = fresh.loadClass(Route.class.getName());
      Object spanAttribute = routeClass.getField("SPAN_ATTRIBUTE").get(null);
      Object defaults = keysClass.getMethod("defaults").invoke(null);
      Method mayHaveValues = keysClass.getMethod("mayHaveValues", routeClass);
      assertThat(mayHaveValues.invoke(defaults, spanAttribute)).isEqualTo(false);

      Class<?> contextClass = fresh.loadClass(ObservaContext.class.getName());
      Object root = contextClass.getMethod("root").invoke(null);
      contextClass.getMethod("withTenant", String.class).invoke(root, "acme");
      assertThat(mayHaveValues.invoke(defaults, spanAttribute)).isEqualTo(true);
    }
  }
}
