package dev.observa.samples.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code spring-boot-starter-opentelemetry} and Boot's OTLP span and log exporters pointed at a dead port (issue
 * 16): the doctor counts the failed exports of Boot's SDK and warns that each exporter is dead and about
 * {@code OTEL_*} variables Boot's SDK ignores; the application still injects Boot's exporters by their concrete types;
 * OpenTelemetry picks one HTTP sender without "Multiple HttpSenderProvider found".
 */
@SpringBootTest(classes = {MatrixApplication.class, BootSdkDeadExporterIT.ConcreteExporterUser.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.application.name=matrix", "management.endpoints.web.exposure.include=health,observa",
        "management.tracing.sampling.probability=1.0",
        "management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:1/v1/traces",
        "management.opentelemetry.tracing.export.schedule-delay=100ms",
        "management.opentelemetry.logging.export.otlp.endpoint=http://127.0.0.1:1/v1/logs",
        "management.opentelemetry.logging.export.schedule-delay=100ms"})
class BootSdkDeadExporterIT {
  /** An application bean that takes Boot's exporters by their concrete types, as an application may. */
  @TestConfiguration(proxyBeanMethods = false)
  static class ConcreteExporterUser {
    @Bean
    ConcreteExporters concreteExporters(OtlpHttpSpanExporter spans, OtlpHttpLogRecordExporter logs) {
      return new ConcreteExporters(spans, logs);
    }
  }

  record ConcreteExporters(OtlpHttpSpanExporter spans, OtlpHttpLogRecordExporter logs) {}

  /** What OpenTelemetry's sender lookup logs, captured from before the context starts. */
  private static final List<String> SENDER_LOG = new CopyOnWriteArrayList<>();
  private static final Logger SENDER_LOGGER = Logger.getLogger("io.opentelemetry.exporter.internal.SenderUtil");

  static {
    SENDER_LOGGER.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        SENDER_LOG.add(String.valueOf(record.getMessage()));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort
  int port;

  @Autowired
  Observa observa;

  @Autowired
  OpenTelemetry openTelemetry;

  @Autowired
  ConcreteExporters concreteExporters;

  private JsonNode doctorUntil(String field, String count) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/observa"))
        .timeout(Duration.ofSeconds(30)).build();
    JsonNode report;
    do { // OTLP retries a refused connection with backoff before the export fails: bounded by the test's timeout
      Thread.sleep(200);
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      report = JSON.readTree(response.body());
    } while (report.path(field).path(count).asLong() == 0);
    return report;
  }

  @Test
  @Timeout(120)
  void doctorShowsTheFailedExportsOfBootsSdkAndWarnsTheExporterIsDead() throws Exception {
    try (var span = observa.span("probe").startActive()) {
      assertThat(span.context().traceId()).hasSize(32);
    }
    JsonNode report = doctorUntil("spans", "exportFailed");

    assertThat(report.path("spans").path("started").asLong()).isPositive();
    assertThat(report.path("spans").path("exported").asLong()).isZero();
    assertThat(report.path("tracing").path("ownsSdk").asBoolean()).isFalse();
    assertThat(report.path("tracing").path("exporters").toString()).contains("OtlpHttpSpanExporter");
    assertThat(report.path("warnings").toString())
        .contains("Span exporter OtlpHttpSpanExporter is dead: every export failed")
        .contains("management.opentelemetry.tracing.export.otlp.endpoint")
        // set for this module's ITs in its pom: Boot's SDK does not read it
        .contains("OTEL_* variables that Spring Boot's OpenTelemetry SDK (the application's) ignores:"
            + " OTEL_EXPORTER_ZIPKIN_ENDPOINT");
  }

  @Test
  @Timeout(120)
  void doctorShowsTheFailedLogExportsOfBootsSdkAndWarnsTheLogExporterIsDead() throws Exception {
    openTelemetry.getLogsBridge().get("probe").logRecordBuilder().setBody("lost on the way").emit();
    JsonNode report = doctorUntil("logs", "exportFailed");

    assertThat(report.path("logs").path("exported").asLong()).isZero();
    assertThat(report.path("logs").path("exporters").toString()).contains("OtlpHttpLogRecordExporter");
    assertThat(report.path("warnings").toString())
        .contains("Log record exporter OtlpHttpLogRecordExporter is dead: every export failed")
        .contains("management.opentelemetry.logging.export.otlp.endpoint");
  }

  @Test
  void theApplicationInjectsBootsExportersByTheirConcreteTypes(@Autowired ApplicationContext context) {
    assertThat(concreteExporters.spans()).isSameAs(context.getBean(OtlpHttpSpanExporter.class));
    assertThat(concreteExporters.logs()).isSameAs(context.getBean(OtlpHttpLogRecordExporter.class));
  }

  @Test
  void oneHttpSenderIsChosenWithoutTheMultipleProvidersWarning() {
    assertThat(System.getProperty("io.opentelemetry.sdk.common.export.HttpSenderProvider"))
        .isEqualTo("io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider");
    assertThat(SENDER_LOG).noneMatch(line -> line.contains("Multiple HttpSenderProvider found"));
  }
}
