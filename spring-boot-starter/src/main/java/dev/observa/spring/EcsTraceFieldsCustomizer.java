package dev.observa.spring;

import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Adds ECS's own correlation fields, {@code trace.id} and {@code span.id}, to Spring Boot's {@code ecs} format,
 * which writes the MDC's {@code traceId}/{@code spanId} as they are: Elastic's APM UI and Kibana's log
 * correlation look for {@code trace.id}. Loaded by Spring Boot from {@code spring.factories} for every
 * structured format; it adds the fields only when {@code ecs} is a chosen format.
 *
 * <pre>{@code
 * logging.structured.format.console=ecs
 * # {"@timestamp":…,"traceId":"4bf9…","trace":{"id":"4bf9…"},"span":{"id":"00f0…"},…}
 * }</pre>
 */
class EcsTraceFieldsCustomizer implements StructuredLoggingJsonMembersCustomizer<ILoggingEvent> {
  private final boolean ecs;

  EcsTraceFieldsCustomizer(Environment environment) {
    this.ecs = "ecs".equals(environment.getProperty("logging.structured.format.console"))
        || "ecs".equals(environment.getProperty("logging.structured.format.file"));
  }

  @Override
  public void customize(JsonWriter.Members<ILoggingEvent> members) {
    if (!ecs) {
      return;
    }
    idUnder(members, "trace", "traceId");
    idUnder(members, "span", "spanId");
  }

  private static void idUnder(JsonWriter.Members<ILoggingEvent> members, String field, String mdcKey) {
    members.add(field, (ILoggingEvent event) -> mdc(event, mdcKey)).whenNotNull()
        .usingMembers(nested -> nested.add("id", (String id) -> id));
  }

  private static String mdc(ILoggingEvent event, String key) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    return mdc == null ? null : mdc.get(key);
  }
}
