package dev.observa.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import dev.observa.redaction.RedactionPolicy;
import io.opentelemetry.context.Context;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservaSettingsTest {
  private static final DeclaredKey GREETING = DeclaredKey.builder("greeting").routes(Route.LOG).build();
  private static final DeclaredKey SESSION = DeclaredKey.builder("session_id")
      .routes(Route.LOG, Route.PROPAGATE, Route.EXEMPLAR_LABEL).build();
  private static final DeclaredKey REGION = DeclaredKey.builder("region").metricTagValues("eu", "us").build();

  private final ObservaSettings settings = new ObservaSettings("svc", null, null, "i",
      DeclaredKeys.of(List.of(GREETING, SESSION, REGION)), null);

  @Test
  void aNullPolicyMeansTheDefaultPolicy() {
    assertThat(settings.redaction()).isSameAs(RedactionPolicy.defaults());
    assertThat(settings.isRedacted("Proxy-Authorization")).isTrue();
  }

  @Test
  void contextValueAnswersOnlyForTheRoutesAKeyIsDeclaredFor() {
    Context context = ObservaContext.root().withBaggage("greeting", "Bonjour").withTenant("acme").otelContext();
    assertThat(settings.contextValue(context, GREETING, Route.LOG)).isEqualTo("Bonjour");
    assertThat(settings.contextValue(context, GREETING, Route.SPAN_ATTRIBUTE)).isNull();
    assertThat(settings.contextValue(context, GREETING, Route.PROPAGATE)).isNull();
    DeclaredKey tenant = settings.declaredKeys().tenant();
    assertThat(settings.contextValue(context, tenant, Route.LOG)).isEqualTo("acme");
    assertThat(settings.contextValue(context, tenant, Route.METRIC_TAG)).isNull();
    assertThat(settings.contextValue(null, GREETING, Route.LOG)).isNull();
  }

  @Test
  void contextValueRedactsSecretKeysForEverySinkButPropagation() {
    Context context = ObservaContext.root().withBaggage("session_id", "s3cr3t").otelContext();
    assertThat(settings.contextValue(context, SESSION, Route.LOG)).isEqualTo(ObservaSettings.REDACTED);
    assertThat(settings.contextValue(context, SESSION, Route.EXEMPLAR_LABEL)).isEqualTo(ObservaSettings.REDACTED);
    assertThat(settings.contextValue(context, SESSION, Route.PROPAGATE)).isEqualTo("s3cr3t");
  }

  @Test
  void contextValueBoundsMetricTagValues() {
    Context eu = ObservaContext.root().withBaggage("region", "eu").otelContext();
    Context mars = ObservaContext.root().withBaggage("region", "mars").otelContext();
    assertThat(settings.contextValue(eu, REGION, Route.METRIC_TAG)).isEqualTo("eu");
    assertThat(settings.contextValue(mars, REGION, Route.METRIC_TAG)).isEqualTo(DeclaredKey.OTHER_TAG_VALUE);
    assertThat(settings.contextValue(Context.root(), REGION, Route.METRIC_TAG)).isEqualTo(DeclaredKey.OTHER_TAG_VALUE);
  }

  @Test
  void contextTagIndexIsThePositionOfTheBoundedValueWithOtherLast() {
    Context us = ObservaContext.root().withBaggage("region", "us").otelContext();
    Context mars = ObservaContext.root().withBaggage("region", "mars").otelContext();
    assertThat(settings.contextTagIndex(us, REGION)).isEqualTo(1);
    assertThat(settings.contextTagIndex(mars, REGION)).isEqualTo(2);
    assertThat(settings.contextTagIndex(null, REGION)).isEqualTo(2);
    // the same answer as contextValue, as a position among the declared values
    assertThat(List.copyOf(REGION.metricTagValues()).get(settings.contextTagIndex(us, REGION)))
        .isEqualTo(settings.contextValue(us, REGION, Route.METRIC_TAG));
    assertThat(settings.contextTagIndex(us, GREETING)).as("not a metric tag").isEqualTo(-1);
  }
}
