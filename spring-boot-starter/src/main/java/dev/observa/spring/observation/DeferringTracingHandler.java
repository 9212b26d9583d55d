package dev.observa.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.function.Predicate;

/**
 * Micrometer Tracing's handlers ({@code DefaultTracingObservationHandler}, the propagating sender and receiver
 * handlers; Brave or OpenTelemetry bridge) for only the observations Observa does not handle, so no request gets
 * a second span or a second trace. Still a {@code TracingObservationHandler}, so Boot's handler groups keep their
 * first-match behaviour for the rest.
 */
final class DeferringTracingHandler extends DeferringHandler<TracingObservationHandler<Observation.Context>>
    implements TracingObservationHandler<Observation.Context> {

  private DeferringTracingHandler(TracingObservationHandler<Observation.Context> delegate,
      Predicate<Observation.Context> observaHandles) {
    super(delegate, observaHandles);
  }

  @SuppressWarnings("unchecked")
  static Object wrap(Object handler, Predicate<Observation.Context> observaHandles) {
    return new DeferringTracingHandler((TracingObservationHandler<Observation.Context>) handler, observaHandles);
  }

  @Override
  public Tracer getTracer() {
    return delegate.getTracer();
  }
}
