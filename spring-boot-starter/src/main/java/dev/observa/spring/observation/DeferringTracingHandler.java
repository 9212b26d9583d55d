package dev.observa.spring.observation;

import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.observation.Observation;
import java.util.function.Predicate;

/**
 * Micrometer Tracing's handlers ({@code DefaultTracingObservationHandler}, the propagating sender and receiver
 * handlers; Brave or OpenTelemetry bridge) for only the observations Observa does not handle, so no request gets
 * a second span or a second trace. Still a {@code TracingObservationHandler}, so Boot's handler groups keep their
 * first-match behaviour for the rest.
 */
final class DeferringTracingHandler implements TracingObservationHandler<Observation.Context> {
  private final TracingObservationHandler<Observation.Context> delegate;
  private final Predicate<Observation.Context> observaHandles;

  private DeferringTracingHandler(TracingObservationHandler<Observation.Context> delegate,
      Predicate<Observation.Context> observaHandles) {
    this.delegate = delegate;
    this.observaHandles = observaHandles;
  }

  @SuppressWarnings("unchecked")
  static Object wrap(Object handler, Predicate<Observation.Context> observaHandles) {
    return new DeferringTracingHandler((TracingObservationHandler<Observation.Context>) handler, observaHandles);
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return !observaHandles.test(context) && delegate.supportsContext(context);
  }

  @Override
  public void onStart(Observation.Context context) {
    delegate.onStart(context);
  }

  @Override
  public void onError(Observation.Context context) {
    delegate.onError(context);
  }

  @Override
  public void onEvent(Observation.Event event, Observation.Context context) {
    delegate.onEvent(event, context);
  }

  @Override
  public void onScopeOpened(Observation.Context context) {
    delegate.onScopeOpened(context);
  }

  @Override
  public void onScopeClosed(Observation.Context context) {
    delegate.onScopeClosed(context);
  }

  @Override
  public void onScopeReset(Observation.Context context) {
    delegate.onScopeReset(context);
  }

  @Override
  public void onStop(Observation.Context context) {
    delegate.onStop(context);
  }

  @Override
  public io.micrometer.tracing.Tracer getTracer() {
    return delegate.getTracer();
  }
}
