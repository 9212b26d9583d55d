package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.spring.logapp.LogsApplication;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The starter's default: Observa's own JSON lines behind the async console. The ids are written once, as the
 * encoder's own fields, never repeated from the MDC.
 */
@SpringBootTest(classes = LogsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"observa.service-name=" + LogCorrelationContract.SERVICE, "server.tomcat.threads.max=1",
        "server.tomcat.threads.min-spare=1"})
class ObservaJsonLogCorrelationIT extends LogCorrelationContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  boolean isEvent(String line) {
    return line.startsWith("{");
  }

  @Override
  String traceId(String line) throws Exception {
    JsonNode node = JSON.readTree(line);
    assertThat(node.has("traceId")).isFalse();
    assertThat(node.has("_trace_id")).isFalse();
    return node.path("trace_id").asText(null);
  }

  @Override
  String serviceName(String line) throws Exception {
    return JSON.readTree(line).path("service.name").asText(null);
  }
}
