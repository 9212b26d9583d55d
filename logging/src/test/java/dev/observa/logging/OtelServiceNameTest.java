package dev.observa.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.observa.Observa;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Log lines name the service OpenTelemetry names: {@code service.name} from {@code OTEL_SERVICE_NAME} or
 * {@code OTEL_RESOURCE_ATTRIBUTES}, resolved once by the facade (set here as the {@code otel.*} system property,
 * which OpenTelemetry reads before the variable).
 */
class OtelServiceNameTest {
  @Test
  void theServiceNameFromResourceAttributesReachesEveryLine() throws Exception {
    String previous = System.setProperty("otel.resource.attributes", "service.name=checkout,team=payments");
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    JsonLinesEncoder encoder = new JsonLinesEncoder();
    encoder.setContext(context);
    encoder.start();
    try (Observa obs = Observa.builder().noDiscovery().buildAndSetGlobal()) {
      LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("app"), Level.INFO, "hello", null, null);
      String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
      assertThat(CapturedLines.JSON.readTree(line).path("service.name").asText()).isEqualTo("checkout");
    } finally {
      if (previous == null) {
        System.clearProperty("otel.resource.attributes");
      } else {
        System.setProperty("otel.resource.attributes", previous);
      }
    }
  }
}
