package dev.observa.spi;

import java.util.List;

/**
 * The settings every signal shares: the identity of the service. OpenTelemetry has no variable of its own
 * for the version, environment and instance id; they are read from {@code OTEL_RESOURCE_ATTRIBUTES}
 * ({@code service.version}, {@code deployment.environment.name}, {@code service.instance.id}), as is the
 * service name when {@code OTEL_SERVICE_NAME} is unset.
 *
 * <pre>{@code
 * CoreSettings.SERVICE_NAME.environmentVariable();   // "OTEL_SERVICE_NAME"
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CoreSettings {
  /** {@code service.name}: builder &gt; {@code observa.service-name} &gt; {@code OTEL_SERVICE_NAME} &gt; resource attribute. */
  public static final Setting SERVICE_NAME = Setting.of("serviceName", "observa.service-name", "otel.service.name",
      "unknown_service:java", "a non-empty name", value -> true);
  /** {@code service.version}. */
  public static final Setting SERVICE_VERSION = Setting.of("serviceVersion", "observa.service-version", null, null,
      "a non-empty version", value -> true);
  /** {@code deployment.environment.name}. */
  public static final Setting ENVIRONMENT = Setting.of("environment", "observa.environment", null, null,
      "a non-empty name such as prod", value -> true);
  /** {@code service.instance.id}; default a random UUID. */
  public static final Setting INSTANCE_ID = Setting.of("instanceId", "observa.instance-id", null, null,
      "a non-empty id", value -> true);

  /**
   * {@code OTEL_CONFIG_FILE}, OpenTelemetry's declarative configuration file: not supported, because the SDK reads
   * it only with {@link #DECLARATIVE_CONFIG_ARTIFACT}, which is not available for Observa's OpenTelemetry line.
   * Set, it fails start-up naming the artifact (see {@link OtelEnvironment#checkConfigFile}).
   */
  public static final Setting CONFIG_FILE = Setting.of(null, "(none)", "otel.config.file", null,
      "unset (declarative configuration needs " + CoreSettings.DECLARATIVE_CONFIG_ARTIFACT + ")", value -> false);
  /** The OpenTelemetry artifact that reads {@link #CONFIG_FILE}. */
  public static final String DECLARATIVE_CONFIG_ARTIFACT = "io.opentelemetry:opentelemetry-sdk-extension-declarative-config";

  /** Every core setting, in README order. */
  public static final List<Setting> ALL = List.of(SERVICE_NAME, SERVICE_VERSION, ENVIRONMENT, INSTANCE_ID, CONFIG_FILE);

  private CoreSettings() {}
}
