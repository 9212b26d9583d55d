package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.spring.logapp.LogsApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** Spring Boot's {@code ecs} format: the ids under Boot's names and under ECS's {@code trace.id}, {@code span.id}. */
@SpringBootTest(classes = LogsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"logging.structured.format.console=ecs", "observa.service-name=" + LogCorrelationContract.SERVICE,
        "spring.application.name=not-this-one", "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1"})
class EcsLogCorrelationIT extends LogCorrelationContract {
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
    assertThat(node.path("trace").path("id").asText(null)).isEqualTo(boot); // ECS's own name, nested
    assertThat(node.path("span").path("id").asText(null)).isEqualTo(node.path("spanId").asText(null));
    return boot;
  }

  @Override
  String serviceName(String line) throws Exception {
    return JSON.readTree(line).path("service").path("name").asText(null);
  }
}
