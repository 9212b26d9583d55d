package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.metrics.PrometheusMetrics;
import dev.observa.tracing.TracingDescription;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import dev.observa.spring.observation.ObservaObservationAutoConfiguration;
import io.micrometer.observation.aop.ObservedAspect;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;

class ObservaAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ObservaAutoConfiguration.class, ObservationAutoConfiguration.class,
          ObservaObservationAutoConfiguration.class,
          ObservaSloAutoConfiguration.class, ObservaActuatorAutoConfiguration.class))
      .withPropertyValues("spring.application.name=orders");

  @Test
  void createsTheFacadeAndTheThreeSignalsAndMakesItGlobal() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(Observa.class).hasSingleBean(PrometheusMetrics.class)
          .hasSingleBean(ObserveAspect.class).hasSingleBean(TaskDecorator.class)
          .hasBean("observaObservationHandler").hasSingleBean(ObservaDoctorEndpoint.class)
          .doesNotHaveBean(SloRulesEndpoint.class).doesNotHaveBean(SloDashboardsEndpoint.class);
      Observa observa = context.getBean(Observa.class);
      assertThat(observa.settings().serviceName()).isEqualTo("orders");
      assertThat(Observa.global()).isSameAs(observa);
      assertThat(observa.unwrap(TracingDescription.class).ownsSdk()).isTrue();
    });
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnFacade() {
    runner.withBean(Observa.class, Observa::noop).run(context ->
        assertThat(context.getBean(Observa.class)).isSameAs(Observa.noop()));
  }

  @Test
  void reusesTheApplicationsRegistryAndOpenTelemetryInsteadOfCreatingSecondOnes() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    runner.withBean(PrometheusMeterRegistry.class, () -> registry)
        .withBean(OpenTelemetry.class, OpenTelemetry::noop)
        .run(context -> {
          assertThat(context.getBean(PrometheusMetrics.class).registry()).isSameAs(registry);
          assertThat(context.getBean(Observa.class).unwrap(TracingDescription.class).ownsSdk()).isFalse();
          assertThat(context.getBean(ObservaDoctorEndpoint.class).warnings()).isEmpty();
        });
  }

  @Test
  void onTheApplicationsOwnSdkObservasSpanApiCutsValuesAtTheConfiguredLength() {
    java.util.List<io.opentelemetry.sdk.trace.data.SpanData> spans = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.opentelemetry.sdk.OpenTelemetrySdk sdk = io.opentelemetry.sdk.OpenTelemetrySdk.builder()
        .setTracerProvider(io.opentelemetry.sdk.trace.SdkTracerProvider.builder()
            .addSpanProcessor(io.opentelemetry.sdk.trace.export.SimpleSpanProcessor.create(new Recording(spans)))
            .build()).build();
    runner.withBean(OpenTelemetry.class, () -> sdk).withPropertyValues("observa.tracing.max-attribute-length=16")
        .run(context -> {
          context.getBean(Observa.class).span("checkout").attribute("note", "x".repeat(100)).start().end();
          assertThat(spans).singleElement().satisfies(span -> assertThat(span.getAttributes()
              .get(io.opentelemetry.api.common.AttributeKey.stringKey("note"))).hasSize(16));
        });
    sdk.close();
  }

  /** Keeps the spans its SDK ends. */
  private record Recording(java.util.List<io.opentelemetry.sdk.trace.data.SpanData> spans)
      implements io.opentelemetry.sdk.trace.export.SpanExporter {
    @Override
    public io.opentelemetry.sdk.common.CompletableResultCode export(
        java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> batch) {
      spans.addAll(batch);
      return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
    }

    @Override
    public io.opentelemetry.sdk.common.CompletableResultCode flush() {
      return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
    }

    @Override
    public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
      return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
    }
  }

  @Test
  void annotationsCanBeSwitchedOff() {
    runner.withPropertyValues("observa.annotations.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ObserveAspect.class).doesNotHaveBean(ObservedAspect.class));
  }

  @Test
  void withoutSpringWebOnTheClassPathObservationsAreStillHandled() {
    runner.withClassLoader(new FilteredClassLoader(RestClientCustomizer.class, ClientRequestObservationContext.class,
            ServerRequestObservationContext.class))
        .run(context -> assertThat(context).hasNotFailed().hasBean("observaObservationHandler"));
  }

  @Test
  void baggageAllowListAndTenantTagsBecomeDeclaredKeys() {
    runner.withPropertyValues("observa.baggage.allow-list=greeting", "observa.tenant.metric-tag-values=acme,globex")
        .run(context -> {
          Observa observa = context.getBean(Observa.class);
          assertThat(observa.settings().declaredKeys().get("greeting").routes()).hasSize(3);
          assertThat(observa.settings().declaredKeys().tenant().metricTagValues()).containsExactly("acme", "globex");
        });
  }

  @Test
  void invalidPropertiesStopStartupNamingThePropertyAndTheAllowedValues() {
    String[][] cases = {
        {"observa.tracing.sampling-ratio=1.5", "observa.tracing.sampling-ratio", "0 to 1"},
        {"observa.tracing.propagators=xray", "observa.tracing.propagators", "b3multi"},
        {"observa.metrics.max-series=-1", "observa.metrics.max-series", ">= 1"},
        {"observa.logging.preset=gelf", "observa.logging.preset", "otel, ecs"}};
    for (String[] c : cases) {
      runner.withPropertyValues(c[0]).run(context -> {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new ObservaFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as(c[0]).isNotNull();
        assertThat(analysis.getDescription()).contains(c[1]);
        assertThat(analysis.getAction()).contains(c[2]);
      });
    }
  }

  @Test
  void declaredSlosGenerateRulesBehindTheSloEndpoint() {
    runner.withPropertyValues("observa.slo.objectives[0].name=orders-availability",
            "observa.slo.objectives[0].operation=http.server.request", "observa.slo.objectives[0].kind=availability",
            "observa.slo.objectives[0].objective=99.9", "observa.slo.windows-scaled-down=60")
        .run(context -> {
          assertThat(context).hasSingleBean(SloRulesEndpoint.class);
          String rules = context.getBean(SloRulesEndpoint.class).rules();
          assertThat(new org.yaml.snakeyaml.Yaml().load(rules).toString())
              .contains("http_server_request_duration_seconds_count{job=\"orders\",http_route!~\"/actuator.*\",error_type!=\"\"}[5s]")
              .contains("alert=ErrorBudgetBurn");
        });
  }

  @Test
  void declaredSlosGenerateDashboardsBehindTheSloDashboardsEndpoint() {
    runner.withPropertyValues("observa.slo.objectives[0].name=orders-availability",
            "observa.slo.objectives[0].operation=checkout", "observa.slo.objectives[0].kind=availability",
            "observa.slo.objectives[0].objective=99.9", "observa.slo.dashboards.jaeger-uid=traces-1")
        .run(context -> {
          SloDashboardsEndpoint endpoint = context.getBean(SloDashboardsEndpoint.class);
          assertThat(endpoint.services()).containsEntry("services", java.util.List.of("orders"));
          assertThat(endpoint.dashboard("orders"))
              .contains("checkout_requests_total{job=\\\"orders\\\"}")
              .contains("\"datasourceUid\": \"traces-1\"")
              .contains("slo:error_budget_remaining:ratio{slo=\\\"orders-availability\\\"}");
          assertThat(endpoint.dashboard("elsewhere")).isNull();
        });
  }

  @Test
  void anInvalidDashboardDataSourceUidStopsStartupNamingTheProperty() {
    runner.withPropertyValues("observa.slo.objectives[0].name=x", "observa.slo.objectives[0].operation=op",
            "observa.slo.objectives[0].kind=availability", "observa.slo.objectives[0].objective=99",
            "observa.slo.dashboards.jaeger-uid=no spaces")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("observa.slo.dashboards.jaeger-uid")
              .hasMessageContaining("'no spaces'");
        });
  }

  @Test
  void anSloWithAnUnknownKindStopsStartup() {
    runner.withPropertyValues("observa.slo.objectives[0].name=x", "observa.slo.objectives[0].operation=op",
            "observa.slo.objectives[0].kind=joy", "observa.slo.objectives[0].objective=99")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(new ObservaFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
              .contains("availability, latency");
        });
  }
}
