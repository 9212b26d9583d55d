package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.spring.logapp.LogsApplication;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A pattern layout, the console synchronous ({@code observa.logging.async=false}): {@code %X{traceId}} and
 * {@code %X{trace_id}} print the ids.
 */
@SpringBootTest(classes = LogsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"observa.logging.json=false", "observa.logging.async=false",
        "logging.pattern.console=EVT [%X{traceId}] [%X{trace_id}] %m%n", "spring.application.name=orders",
        "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1"})
class PatternLogCorrelationIT extends LogCorrelationContract {

  @Override
  boolean isEvent(String line) {
    return line.startsWith("EVT ");
  }

  @Override
  String traceId(String line) {
    String[] parts = line.split(" ", 4);
    String boot = parts[1].substring(1, parts[1].length() - 1);
    assertThat(parts[2]).isEqualTo("[" + boot + "]");
    return boot.isEmpty() ? null : boot;
  }

  @Override
  String serviceName(String line) {
    throw new UnsupportedOperationException("a pattern has no service field");
  }

  /** Not run: this pattern has no service field (with {@code %X{service.name}} it would be an MDC entry). */
  @Override
  void startupLinesCarryTheConfiguredServiceName(org.springframework.boot.test.system.CapturedOutput output) {}
}
