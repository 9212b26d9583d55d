package dev.observa.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.spring.logapp.LogsApplication;
import org.springframework.boot.test.context.SpringBootTest;

/** Spring Boot's {@code gelf} format: MDC entries are GELF additional fields ({@code _traceId}). */
@SpringBootTest(classes = LogsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"logging.structured.format.console=gelf", "observa.service-name=" + LogCorrelationContract.SERVICE,
        "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1"})
class GelfLogCorrelationIT extends LogCorrelationContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  boolean isEvent(String line) {
    return line.startsWith("{");
  }

  @Override
  String traceId(String line) throws Exception {
    return JSON.readTree(line).path("_traceId").asText(null);
  }

  @Override
  String serviceName(String line) throws Exception {
    return JSON.readTree(line).path("host").asText(null);
  }
}
