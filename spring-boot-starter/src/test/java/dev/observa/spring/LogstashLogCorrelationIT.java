package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.spring.logapp.LogsApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;

/**
 * Spring Boot's {@code logstash} format, chosen while {@code observa.logging.preset} is also set: Boot's choice
 * wins and one line says so.
 */
@SpringBootTest(classes = LogsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"logging.structured.format.console=logstash", "observa.logging.preset=ecs",
        "observa.service-name=" + LogCorrelationContract.SERVICE, "server.tomcat.threads.max=1",
        "server.tomcat.threads.min-spare=1"})
class LogstashLogCorrelationIT extends LogCorrelationContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  boolean isEvent(String line) {
    return line.startsWith("{");
  }

  @Override
  String traceId(String line) throws Exception {
    JsonNode node = JSON.readTree(line);
    String boot = node.path("traceId").asText(null);
    assertThat(node.path("trace_id").asText(null)).isEqualTo(boot);
    return boot;
  }

  @Override
  String serviceName(String line) throws Exception {
    return JSON.readTree(line).path("service.name").asText(null);
  }

  @Test
  void saysOnceThatSpringBootsFormatIsActiveRatherThanThePreset(CapturedOutput output) {
    assertThat(output.getOut()).containsOnlyOnce(
        "logging.structured.format.console=logstash is active; observa.logging.preset=ecs applies only");
  }
}
