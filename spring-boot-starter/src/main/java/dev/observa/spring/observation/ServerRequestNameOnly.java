package dev.observa.spring.observation;

import io.micrometer.common.KeyValues;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Spring MVC's server-request convention when Observa handles the server observation: the observation keeps its
 * name (so {@code management.observations.enable.*} and other predicates see it as before) but carries no key
 * values and no contextual name. Spring's convention computes five low- and one high-cardinality key values at
 * start and again at stop, and a contextual name, on every request; Observa's handler reads none of them (its
 * span and metrics come from the request itself, by the HTTP semantic conventions) and Boot's meter and tracing
 * handlers skip the observations Observa handles. An application whose own handler reads Spring's key values
 * declares a {@code ServerRequestObservationConvention} bean (Spring's default or its own) and this one is not
 * used. Thread-safe.
 *
 * <pre>{@code
 * new ServerHttpObservationFilter(registry, new ServerRequestNameOnly("http.server.requests"));
 * }</pre>
 */
final class ServerRequestNameOnly extends DefaultServerRequestObservationConvention {
  /** @param name the observation's name ({@code management.observations.http.server.requests.name}) */
  ServerRequestNameOnly(String name) {
    super(name);
  }

  @Override
  public String getContextualName(ServerRequestObservationContext context) {
    return null;
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
    return KeyValues.empty();
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(ServerRequestObservationContext context) {
    return KeyValues.empty();
  }
}
