package dev.observa.spring;

import dev.observa.http.HttpMethods;
import org.springframework.core.env.Environment;

/**
 * The known HTTP methods of the HTTP server and client observations, in the order of Observa's configuration
 * model: {@code observa.http.known-methods}, else {@code OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS} (the
 * variable the HTTP semantic conventions name for this override), else the conventions' default list.
 *
 * <pre>{@code
 * HttpMethods methods = KnownHttpMethods.resolve(properties, environment);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class KnownHttpMethods {
  /** The semantic conventions' override variable. */
  public static final String OTEL_VARIABLE = "OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS";

  private KnownHttpMethods() {}

  /**
   * @param properties the starter's properties
   * @param environment where the OpenTelemetry variable is looked up
   * @return the known methods
   * @throws InvalidObservaPropertyException when a listed method is not a method name
   */
  public static HttpMethods resolve(ObservaProperties properties, Environment environment) {
    if (!properties.getHttp().getKnownMethods().isEmpty()) {
      try {
        return HttpMethods.of(properties.getHttp().getKnownMethods());
      } catch (IllegalArgumentException e) {
        throw new InvalidObservaPropertyException("observa.http.known-methods", properties.getHttp().getKnownMethods(),
            "HTTP method names (tokens), e.g. GET,POST,PROPFIND");
      }
    }
    String variable = environment.getProperty(OTEL_VARIABLE);
    if (variable != null && !variable.isBlank()) {
      try {
        return HttpMethods.parse(variable);
      } catch (IllegalArgumentException e) {
        throw new InvalidObservaPropertyException(OTEL_VARIABLE, variable, "HTTP method names (tokens), e.g. GET,POST,PROPFIND");
      }
    }
    return HttpMethods.defaults();
  }
}
