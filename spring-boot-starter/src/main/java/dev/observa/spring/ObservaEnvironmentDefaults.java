package dev.observa.spring;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Defaults Observa needs from Spring Boot, added with the lowest precedence so any application setting
 * wins: exemplars only on {@code _bucket}/{@code _total} lines (Prometheus 2.42 rejects a scrape with an
 * exemplar on {@code _count}); unless {@code observa.logging.json=false}, JSON console logs through
 * {@link ObservaStructuredLogFormatter} with the banner off so stdout stays one JSON object per line; the
 * service name as Observa resolves it ({@code observa.service-name}, {@code OTEL_SERVICE_NAME}, …) in Spring
 * Boot's {@code ecs} ({@code logging.structured.ecs.service.name}) and {@code gelf}
 * ({@code logging.structured.gelf.host}) formats, and in {@code logstash} when it is the only structured format;
 * {@code [traceId-spanId]} in Spring Boot's default console and file patterns
 * ({@code logging.expect-correlation-id}); Reactor's automatic context propagation (WebFlux: the request's span
 * stays current after {@code publishOn}/{@code delayElement}); Spring Kafka's and Spring AMQP's template and
 * listener observations on, so a trace crosses the broker (Spring JMS's are on in Boot already); OpenTelemetry's
 * JDK HTTP sender when Boot's OkHttp sender is on the class path too ({@link OtlpHttpSenderChoice}). Web exposure of actuator endpoints is left as Spring Boot has it
 * (health only): the application chooses what to expose.
 */
class ObservaEnvironmentDefaults implements EnvironmentPostProcessor {
  static final String SOURCE = "observaDefaults";
  /** Spring Boot's switches for the messaging observations it leaves off by default. */
  static final java.util.List<String> MESSAGING_OBSERVATIONS = java.util.List.of(
      "spring.kafka.template.observation-enabled", "spring.kafka.listener.observation-enabled",
      "spring.rabbitmq.template.observation-enabled", "spring.rabbitmq.listener.simple.observation-enabled",
      "spring.rabbitmq.listener.direct.observation-enabled", "spring.rabbitmq.listener.stream.observation-enabled");

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("management.prometheus.metrics.export.properties.io.prometheus.exporter.exemplarsOnAllMetricTypes",
        "false");
    // Boot's ecs and gelf formats name the service from the first line on, as Observa resolves it
    String service = ObservaServiceName.resolve(environment);
    defaults.put("logging.structured.ecs.service.name", service);
    defaults.put("logging.structured.gelf.host", service);
    // Boot's default console and file patterns then show [traceId-spanId] (%correlationId reads the MDC)
    defaults.put("logging.expect-correlation-id", "true");
    if (onlyLogstash(environment)) { // logstash has no service field of its own: add one (ecs would get two)
      defaults.put("logging.structured.json.add.service.name", service);
    }
    // Reactor restores the Observation (and so Observa's context) on every thread a request's operators hop to
    defaults.put("spring.reactor.context-propagation", "auto");
    // one trace through the broker: Spring Kafka's and Spring AMQP's observations are opt-in in Boot (JMS's are on)
    for (String observed : MESSAGING_OBSERVATIONS) {
      defaults.put(observed, "true");
    }
    if (environment.getProperty("observa.logging.json", Boolean.class, true)) {
      defaults.put("logging.structured.format.console", ObservaStructuredLogFormatter.class.getName());
      defaults.put("spring.main.banner-mode", "off");
    }
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    // before any OTLP exporter exists: one HTTP sender when Boot's OkHttp sender is beside Observa's JDK sender
    ClassLoader loader = ObservaEnvironmentDefaults.class.getClassLoader();
    OtlpHttpSenderChoice.choose(System::getenv, name -> ClassUtils.isPresent(name, loader));
  }

  /** Whether every structured format Spring Boot writes is {@code logstash}. */
  private static boolean onlyLogstash(ConfigurableEnvironment environment) {
    String console = environment.getProperty("logging.structured.format.console");
    String file = environment.getProperty("logging.structured.format.file");
    return (console != null || file != null) && (console == null || console.equals("logstash"))
        && (file == null || file.equals("logstash"));
  }
}
