package dev.observa;

import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.internal.NoopLogger;
import dev.observa.internal.NoopMetricsBackend;
import dev.observa.internal.NoopTracingBackend;
import dev.observa.spi.OtelEnvironment;
import dev.observa.redaction.RedactionPolicy;
import dev.observa.spi.LoggingBackend;
import dev.observa.spi.LoggingProvider;
import dev.observa.spi.MetricsBackend;
import dev.observa.spi.MetricsProvider;
import dev.observa.spi.ObservaSettings;
import dev.observa.spi.TracingBackend;
import dev.observa.spi.TracingProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.UUID;

/**
 * Configures an {@link Observa}. Providers given explicitly win; for a signal with none, {@link #build()}
 * takes the first provider found by {@link ServiceLoader} (the {@code observa-metrics},
 * {@code observa-tracing} and {@code observa-logging} jars register one each), and falls back to no-op.
 *
 * <pre>{@code
 * Observa obs = Observa.builder()
 *     .serviceName("hello-world").environment("dev")
 *     .declare(DeclaredKey.builder("greeting").routes(Route.PROPAGATE, Route.LOG, Route.SPAN_ATTRIBUTE).build())
 *     .build();
 * }</pre>
 *
 * <p>Not thread-safe.
 *
 * @since 0.1.0
 */
public final class ObservaBuilder {
  private String serviceName;
  private String defaultServiceName;
  private String serviceVersion;
  private String environment;
  private String instanceId;
  private final List<DeclaredKey> declaredKeys = new ArrayList<>();
  private RedactionPolicy redaction = RedactionPolicy.defaults();
  private MetricsProvider metrics;
  private TracingProvider tracing;
  private LoggingProvider logging;
  private boolean discover = true;

  ObservaBuilder() {}

  /**
   * @param serviceName {@code service.name}; wins over {@code OTEL_SERVICE_NAME} and
   *     {@code OTEL_RESOURCE_ATTRIBUTES}. Default: those, then {@link #defaultServiceName}, then
   *     {@code unknown_service:java}. Spans, logs and metrics all use the one resolved name.
   * @return this
   */
  public ObservaBuilder serviceName(String serviceName) {
    this.serviceName = requireText("serviceName", serviceName);
    return this;
  }

  /**
   * The name used when neither {@link #serviceName} nor {@code OTEL_SERVICE_NAME} nor {@code service.name} in
   * {@code OTEL_RESOURCE_ATTRIBUTES} gives one; the Spring Boot starter passes {@code spring.application.name}.
   *
   * @param name the fallback name
   * @return this
   */
  public ObservaBuilder defaultServiceName(String name) {
    this.defaultServiceName = requireText("defaultServiceName", name);
    return this;
  }

  /**
   * @param serviceVersion {@code service.version}; default {@code service.version} in {@code OTEL_RESOURCE_ATTRIBUTES}
   * @return this
   */
  public ObservaBuilder serviceVersion(String serviceVersion) {
    this.serviceVersion = requireText("serviceVersion", serviceVersion);
    return this;
  }

  /**
   * @param environment {@code deployment.environment.name}, e.g. {@code prod}; default the attribute of that
   *     name in {@code OTEL_RESOURCE_ATTRIBUTES}
   * @return this
   */
  public ObservaBuilder environment(String environment) {
    this.environment = requireText("environment", environment);
    return this;
  }

  /**
   * @param instanceId {@code service.instance.id}; default the attribute in {@code OTEL_RESOURCE_ATTRIBUTES},
   *     else a random UUID
   * @return this
   */
  public ObservaBuilder instanceId(String instanceId) {
    this.instanceId = requireText("instanceId", instanceId);
    return this;
  }

  /**
   * Declares context keys and where they go. Undeclared baggage stays in the context but reaches no sink.
   *
   * @param keys declarations; a later one with the same name wins
   * @return this
   */
  public ObservaBuilder declare(DeclaredKey... keys) {
    for (DeclaredKey key : keys) {
      declaredKeys.add(java.util.Objects.requireNonNull(key, "declared key"));
    }
    return this;
  }

  /**
   * Sets the one redaction policy every sink applies (logs, span attributes, exception texts, URLs). Default
   * {@link RedactionPolicy#defaults()}; extend it with {@code RedactionPolicy.builder().keys("cvv").build()}.
   *
   * @param redaction the policy
   * @return this
   */
  public ObservaBuilder redaction(RedactionPolicy redaction) {
    this.redaction = java.util.Objects.requireNonNull(redaction, "redaction");
    return this;
  }

  /**
   * @param metrics the metrics implementation
   * @return this
   */
  public ObservaBuilder metrics(MetricsProvider metrics) {
    this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  /**
   * @param tracing the tracing implementation
   * @return this
   */
  public ObservaBuilder tracing(TracingProvider tracing) {
    this.tracing = java.util.Objects.requireNonNull(tracing, "tracing");
    return this;
  }

  /**
   * @param logging the logging implementation
   * @return this
   */
  public ObservaBuilder logging(LoggingProvider logging) {
    this.logging = java.util.Objects.requireNonNull(logging, "logging");
    return this;
  }

  /**
   * Turns {@link ServiceLoader} discovery off: signals without an explicit provider are no-op.
   *
   * @return this
   */
  public ObservaBuilder noDiscovery() {
    this.discover = false;
    return this;
  }

  /**
   * Resolves the service identity once, for every signal: builder &gt; {@code OTEL_SERVICE_NAME} (or the
   * {@code otel.service.name} system property) &gt; {@code OTEL_RESOURCE_ATTRIBUTES} &gt; defaults.
   *
   * @return the settings this builder would hand to the providers
   */
  public ObservaSettings settings() {
    java.util.Map<String, String> resource = OtelEnvironment.resourceAttributes();
    String name = OtelEnvironment.serviceName(serviceName, defaultServiceName);
    String version = OtelEnvironment.first(serviceVersion, resource.get("service.version"));
    String env = OtelEnvironment.first(environment, resource.get("deployment.environment.name"),
        resource.get("deployment.environment"));
    String instance = OtelEnvironment.first(instanceId, resource.get("service.instance.id"),
        UUID.randomUUID().toString());
    return new ObservaSettings(name, version, env, instance, DeclaredKeys.of(declaredKeys), redaction);
  }

  /** @return the configured instance */
  public Observa build() {
    ObservaSettings settings = settings();
    MetricsBackend metricsBackend = provider(metrics, MetricsProvider.class)
        .map(p -> p.createBackend(settings)).orElse(NoopMetricsBackend.INSTANCE);
    TracingBackend tracingBackend = provider(tracing, TracingProvider.class)
        .map(p -> p.createBackend(settings)).orElse(NoopTracingBackend.INSTANCE);
    LoggingBackend loggingBackend = provider(logging, LoggingProvider.class)
        .map(p -> p.createBackend(settings)).orElse(NoopLogger.INSTANCE);
    return new DefaultObserva(settings, metricsBackend, tracingBackend, loggingBackend);
  }

  /** @return the configured instance, also made {@link Observa#global()} */
  public Observa buildAndSetGlobal() {
    Observa observa = build();
    Observa.setGlobal(observa);
    return observa;
  }

  private <P> Optional<P> provider(P explicit, Class<P> type) {
    if (explicit != null) {
      return Optional.of(explicit);
    }
    if (!discover) {
      return Optional.empty();
    }
    return ServiceLoader.load(type, ObservaBuilder.class.getClassLoader()).findFirst();
  }

  private static String requireText(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " '" + value + "' is invalid: it must not be empty");
    }
    return value;
  }
}
