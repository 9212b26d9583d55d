package dev.observa.spi;

import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import dev.observa.redaction.RedactionPolicy;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import java.util.Objects;

/**
 * The settings an {@code Observa} instance hands to its metrics, tracing and logging backends, so that
 * all three describe the same service, route the same context keys and redact by the same policy.
 *
 * <pre>{@code
 * ObservaSettings settings = observa.settings();
 * String tenant = settings.contextValue(Context.current(), settings.declaredKeys().tenant(), Route.LOG);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param serviceName {@code service.name}; never null
 * @param serviceVersion {@code service.version}, or null
 * @param environment {@code deployment.environment.name}, or null
 * @param instanceId {@code service.instance.id}; never null
 * @param declaredKeys the context keys and the sinks they reach
 * @param redaction the one redaction policy of every sink; null means the default policy
 * @since 0.1.0
 */
public record ObservaSettings(
    String serviceName,
    String serviceVersion,
    String environment,
    String instanceId,
    DeclaredKeys declaredKeys,
    RedactionPolicy redaction) {

  /** Replaces a null policy by the default one. */
  public ObservaSettings {
    Objects.requireNonNull(declaredKeys, "declaredKeys");
    redaction = redaction == null ? RedactionPolicy.defaults() : redaction;
  }

  /** The text written instead of a redacted value; {@link RedactionPolicy#REDACTED}. */
  public static final String REDACTED = RedactionPolicy.REDACTED;

  /**
   * @param key a field, MDC or attribute key, may be null
   * @return whether its value must be masked; see {@link RedactionPolicy#isSecretKey}
   */
  public boolean isRedacted(String key) {
    return redaction.isSecretKey(key);
  }

  /**
   * The one answer to "may this context value reach this sink, and as what": the value of a declared key
   * (the tenant or a baggage entry) in {@code context}, or null when the key does not route to
   * {@code route} or has no value. {@link Route#METRIC_TAG} gives the bounded tag value (never null);
   * {@link Route#PROPAGATE} the value as it is (it is the application's own, declared to travel); every
   * other route the value after the redaction policy.
   *
   * @param context an OpenTelemetry context; null reads as the root context
   * @param key a declaration, e.g. {@code declaredKeys().tenant()}
   * @param route the sink asking
   * @return what the sink may write, or null for nothing
   */
  public String contextValue(Context context, DeclaredKey key, Route route) {
    if (key == null || route == null || !key.routesTo(route)) {
      return null;
    }
    String raw = rawValue(context, key);
    if (route == Route.METRIC_TAG) {
      return key.boundedTagValue(raw);
    }
    return raw == null || route == Route.PROPAGATE ? raw : redaction.value(key.name(), raw);
  }

  /**
   * {@link #contextValue} for {@link Route#METRIC_TAG} as a position instead of a string: the place of the
   * bounded value in {@code key.metricTagValues()}, or {@code metricTagValues().size()} for {@code other}
   * (see {@link DeclaredKey#metricTagIndex}), so a metrics backend can find the series of the current
   * context's tag without hashing the value a second time.
   *
   * @param context an OpenTelemetry context; null reads as the root context
   * @param key a declaration with metric tag values
   * @return the position, or -1 when the key is not a metric tag
   */
  public int contextTagIndex(Context context, DeclaredKey key) {
    if (key == null || !key.routesTo(Route.METRIC_TAG)) {
      return -1;
    }
    return key.metricTagIndex(rawValue(context, key));
  }

  private static String rawValue(Context context, DeclaredKey key) {
    Context from = context == null ? Context.root() : context;
    return key.isTenant()
        ? ObservaContext.tenantOf(from) : Baggage.fromContext(from).getEntryValue(key.name());
  }

  /**
   * @return settings with default declarations and redaction, for the service named by
   *     {@code OTEL_SERVICE_NAME} / {@code OTEL_RESOURCE_ATTRIBUTES}, else {@code unknown_service:java}
   */
  public static ObservaSettings defaults() {
    return new ObservaSettings(OtelEnvironment.serviceName(null, null), null, null, "local",
        DeclaredKeys.defaults(), RedactionPolicy.defaults());
  }
}
