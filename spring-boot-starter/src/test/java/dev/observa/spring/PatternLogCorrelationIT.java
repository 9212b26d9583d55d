package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.observa.spring.logapp.LogsApplication;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A pattern layout, the console synchronous ({@code observa.logging.async=false}): {@code %X{traceId}} and
 * {@code %X{trace_id}} print the ids. Boot's {@code FILE} appender (here in the {@code logstash} format) too.
 */
@SpringBootTest(classes = LogsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"observa.logging.json=false", "observa.logging.async=false",
        "logging.pattern.console=EVT [%X{traceId}] [%X{trace_id}] %m%n", "spring.application.name=orders",
        "server.tomcat.threads.max=1", "server.tomcat.threads.min-spare=1",
        "logging.file.name=target/pattern-log-correlation-it.log", "logging.structured.format.file=logstash"})
class PatternLogCorrelationIT extends LogCorrelationContract {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void bootsFileAppenderCarriesTheTraceIdToo(CapturedOutput output) throws Exception {
    HttpResponse<String> response = get("/fail");
    String traceId = response.headers().firstValue("traceresponse").orElseThrow().split("-")[1];
    awaitEvents(output, 0, traceId); // the synchronous console wrote it: so did the file, before it
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("target/pattern-log-correlation-it.log"))) {
      JsonNode node = JSON.readTree(line);
      if (traceId.equals(node.path("traceId").asText())) {
        lines.add(node);
      }
    }
    assertThat(lines).extracting(node -> node.path("message").asText())
        .contains("charging card").anyMatch(message -> message.startsWith("Servlet.service()"));
    assertThat(lines).allMatch(node -> node.path("service.name").asText().equals(SERVICE));
  }

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
  void startupLinesCarryTheConfiguredServiceName(CapturedOutput output) {}
}
