package dev.observa.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/** {@link ActuatorRequests} for WebFlux: requests to the actuator's base path are not observed. */
final class ReactiveActuatorRequests implements ObservationPredicate {
  private final ActuatorRequests paths;

  ReactiveActuatorRequests(String basePath) {
    this.paths = new ActuatorRequests(basePath);
  }

  @Override
  public boolean test(String name, Observation.Context context) {
    if (!(context instanceof ServerRequestObservationContext server) || server.getCarrier() == null) {
      return true;
    }
    try {
      return !paths.isActuator(server.getCarrier().getPath().pathWithinApplication().value());
    } catch (RuntimeException e) {
      return true;
    }
  }
}
