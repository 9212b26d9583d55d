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
final class DeferringMeterHandler implements MeterObservationHandler<Observation.Context> {
  private final MeterObservationHandler<Observation.Context> delegate;
  private final Predicate<Observation.Context> observaHandles;

  private DeferringMeterHandler(MeterObservationHandler<Observation.Context> delegate,
      Predicate<Observation.Context> observaHandles) {
    this.delegate = delegate;
    this.observaHandles = observaHandles;
  }

  @SuppressWarnings("unchecked")
  static Object wrap(Object handler, Predicate<Observation.Context> observaHandles) {
    return new DeferringMeterHandler((MeterObservationHandler<Observation.Context>) handler, observaHandles);
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
}
