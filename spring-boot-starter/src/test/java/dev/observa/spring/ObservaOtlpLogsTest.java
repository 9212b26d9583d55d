package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ch.qos.logback.classic.LoggerContext;
import dev.observa.logging.OtlpLogAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.env.MockEnvironment;

class ObservaOtlpLogsTest {

  @Test
  void otelLogsExporterListNamingOtlpTurnsExportOn() {
    OtlpLogAppender appender = ObservaOtlpLogs.attach(new MockEnvironment()
        .withProperty("otel.logs.exporter", "console,otlp")
        .withProperty("otel.exporter.otlp.endpoint", "http://127.0.0.1:9/"));
    try {
      assertThat(appender).isNotNull();
      assertThat(appender.isStarted()).isTrue();
      assertThat(root().getAppender(ObservaOtlpLogs.NAME)).isSameAs(appender);
    } finally {
      root().detachAppender(appender);
      appender.stop();
    }
  }

  @Test
  void exportIsOffByDefaultAndForOtherOtelExporters() {
    assertThat(ObservaOtlpLogs.attach(new MockEnvironment())).isNull();
    assertThat(ObservaOtlpLogs.attach(new MockEnvironment().withProperty("otel.logs.exporter", "console"))).isNull();
  }

  @Test
  void rejectsAnUnknownExporterNamingTheProperty() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ObservaOtlpLogs.attach(new MockEnvironment().withProperty("observa.logging.exporter", "kafka")))
        .withMessageContaining("observa.logging.exporter is 'kafka'").withMessageContaining("otlp, none");
  }

  @Test
  void rejectsAnEndpointThatIsNoUrlNamingTheProperty() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ObservaOtlpLogs.attach(new MockEnvironment().withProperty("observa.logging.exporter", "otlp")
            .withProperty("observa.logging.otlp-endpoint", "collector:4318")))
        .withMessageContaining("observa.logging.otlp-endpoint is 'collector:4318'");
  }

  private static ch.qos.logback.classic.Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
