package dev.observa.spring.observation;

import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import java.util.function.Predicate;

/**
 * Micrometer's {@code DefaultMeterObservationHandler} (Spring Boot's {@code http_server_requests_seconds},
 * {@code http_client_requests_seconds}, {@code tasks_scheduled_execution_seconds}…) for only the observations
 * Observa does not handle, so no meter exists twice. Still a {@code MeterObservationHandler}, so Boot's handler
 * groups (and its tracing-aware wrapper) treat it as before.
 */
final class DeferringMeterHandler extends DeferringHandler<MeterObservationHandler<Observation.Context>>
    implements MeterObservationHandler<Observation.Context> {

  private DeferringMeterHandler(MeterObservationHandler<Observation.Context> delegate,
      Predicate<Observation.Context> observaHandles) {
    super(delegate, observaHandles);
  }

  @SuppressWarnings("unchecked")
  static Object wrap(Object handler, Predicate<Observation.Context> observaHandles) {
    return new DeferringMeterHandler((MeterObservationHandler<Observation.Context>) handler, observaHandles);
  }
}
