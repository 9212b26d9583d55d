package dev.observa.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Leaves requests to the actuator's base path ({@code management.endpoints.web.base-path}, {@code /actuator} by
 * default) unobserved: no span, no HTTP metric, for Observa and every other handler, so scrapes and health
 * checks neither fill {@code /actuator/traces} nor the HTTP histogram. Off with
 * {@code observa.http.exclude-actuator=false}.
 */
final class ActuatorRequests implements ObservationPredicate {
  private final String basePath;

  /** @return whether a path within the application is the actuator's */
  boolean isActuator(String path) {
    return !basePath.isEmpty() && path != null && path.startsWith(basePath)
        && (path.length() == basePath.length() || path.charAt(basePath.length()) == '/');
  }

  ActuatorRequests(String basePath) {
    String path = basePath == null ? "" : basePath.strip();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    this.basePath = path;
  }

  @Override
  public boolean test(String name, Observation.Context context) {
    if (basePath.isEmpty() || !(context instanceof ServerRequestObservationContext server)) {
      return true;
    }
    try {
      HttpServletRequest request = server.getCarrier();
      String uri = request.getRequestURI();
      if (uri == null || !uri.contains(basePath)) {
        // the path within the application is a suffix of the URI: no actuator request without the base path in
        // it (Tomcat's getContextPath() normalizes the URI on every call: most requests never need it)
        return true;
      }
      String contextPath = request.getContextPath();
      String path = contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath)
          ? uri.substring(contextPath.length()) : uri;
      return !isActuator(path);
    } catch (RuntimeException e) {
      return true;
    }
  }
}
