package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.Observa;
import dev.observa.meter.CounterFamily;
import dev.observa.tracing.SpanStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The doctor notices what goes wrong at run time: real exporters against loopback ports, real meters. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ObservaDoctorTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ObservaAutoConfiguration.class, ObservaActuatorAutoConfiguration.class))
      .withPropertyValues("spring.application.name=orders", "observa.logging.json=false")
      // export every 50 ms and give up on a silent collector after 300 ms, so the test sees failures quickly
      .withBean(ObservaTracingCustomizer.class, () -> builder -> builder
          .otelProperty("otel.bsp.schedule.delay", "50").otelProperty("otel.exporter.otlp.traces.timeout", "300"));

  /** Ends spans until the doctor warns about the exporter, bounded. */
  private static List<String> spanUntilWarned(AssertableApplicationContext context, String expected) throws Exception {
    Observa observa = context.getBean(Observa.class);
    ObservaDoctorEndpoint doctor = context.getBean(ObservaDoctorEndpoint.class);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(45);
    List<String> warnings = doctor.warnings();
    while (System.nanoTime() < deadline && warnings.stream().noneMatch(w -> w.contains(expected))) {
      observa.span("checkout").startActive().close();
      Thread.sleep(50);
      warnings = doctor.warnings();
    }
    return warnings;
  }

  @Test
  void warnsAboutADeadExporterWithTheCounts() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    runner.withPropertyValues("observa.tracing.exporters=otlp",
        "observa.tracing.otlp-endpoint=http://127.0.0.1:" + closedPort + "/v1/traces").run(context -> {
      List<String> warnings = spanUntilWarned(context, "is dead");
      assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("Span exporter otlp is dead")
          .contains("0 exported").containsPattern("[1-9][0-9]* failed"));
      SpanStats stats = context.getBean(Observa.class).unwrap(SpanStats.class);
      assertThat(stats.exported()).isZero();
    });
  }

  @Test
  void warnsAboutAnExporterWhoseCollectorNeverAnswers() throws Exception {
    // a listening socket nobody accepts from: connections queue in the backlog and requests get no answer
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      runner.withPropertyValues("observa.tracing.exporters=otlp",
          "observa.tracing.otlp-endpoint=http://127.0.0.1:" + silent.getLocalPort() + "/v1/traces").run(context -> {
        List<String> warnings = spanUntilWarned(context, "Span exporter otlp");
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("Span exporter otlp").contains("failed"));
      });
    }
  }

  @Test
  void aHealthyInMemorySetupHasNoRunTimeWarnings() {
    runner.run(context -> {
      context.getBean(Observa.class).span("checkout").startActive().close();
      assertThat(context.getBean(ObservaDoctorEndpoint.class).warnings()).isEmpty();
    });
  }

  @Test
  void anUnsetEnvironmentIsJsonNullNotTheTextNull() throws Exception {
    runner.run(context -> {
      Map<String, Object> report = context.getBean(ObservaDoctorEndpoint.class).report();
      String json = new ObjectMapper().writeValueAsString(report.get("service"));
      assertThat(json).isEqualTo("{\"name\":\"orders\",\"environment\":null}");
    });
    runner.withPropertyValues("observa.environment=prod").run(context -> assertThat(
        context.getBean(ObservaDoctorEndpoint.class).report().get("service").toString()).contains("environment=prod"));
  }

  @Test
  void warnsAboutAMetricAtItsSeriesBudget() {
    runner.withPropertyValues("observa.metrics.max-series=3").run(context -> {
      CounterFamily orders = context.getBean(Observa.class).counter("orders.placed").maxSeries(3)
          .registerFamily("customer");
      for (int i = 0; i < 10; i++) {
        orders.withTagValues("customer-" + i).increment();
      }
      assertThat(context.getBean(ObservaDoctorEndpoint.class).warnings()).anySatisfy(w -> assertThat(w)
          .startsWith("Metrics at their series budget of 3").contains("orders_placed").contains("unbounded"));
    });
  }

  @Test
  void warnsAboutMetersTaggedByTenantWithoutAValueList() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      context.getBean(MeterRegistry.class).counter("invoices", "tenant", "acme").increment();
      assertThat(context.getBean(ObservaDoctorEndpoint.class).warnings())
          .anySatisfy(w -> assertThat(w).contains("tenant without observa.tenant.metric-tag-values").contains("invoices"));
    });
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("observa.tenant.metric-tag-values=acme").run(context -> {
          context.getBean(MeterRegistry.class).counter("invoices", "tenant", "acme").increment();
          assertThat(context.getBean(ObservaDoctorEndpoint.class).warnings()).noneMatch(w -> w.contains("tenant"));
        });
  }

  @Test
  void warnsWhenBootsHttpMetricIsRecordedBesideObservas() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      Observa observa = context.getBean(Observa.class);
      dev.observa.http.HttpServerMetrics server = new dev.observa.http.HttpServerMetrics(observa, 100, null);
      dev.observa.http.HttpExchange exchange = dev.observa.http.HttpExchange.server(
          dev.observa.http.HttpMethods.defaults(), "GET", "http").path("/orders").route("/orders").status(200);
      server.started(exchange);
      server.finished(exchange, 1_000_000);
      context.getBean(MeterRegistry.class).timer("http.server.requests").record(java.time.Duration.ofMillis(1));
      assertThat(context.getBean(ObservaDoctorEndpoint.class).warnings())
          .anySatisfy(w -> assertThat(w).startsWith("Spring Boot's http.server.requests is recorded beside"));
    });
  }

  @Test
  void warnsAboutSensitiveEndpointsExposedWithoutSecurity() {
    runner.withPropertyValues("management.endpoints.web.exposure.include=health,observa,traces").run(context ->
        assertThat(context.getBean(ObservaDoctorEndpoint.class).warnings()).anySatisfy(w -> assertThat(w)
            .startsWith("Actuator endpoints observa, traces are exposed over HTTP without Spring Security")));
    runner.withPropertyValues("management.endpoints.web.exposure.include=health").run(context ->
        assertThat(context.getBean(ObservaDoctorEndpoint.class).warnings()).noneMatch(w -> w.contains("exposed")));
  }
}
