package dev.observa.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.function.Predicate;

/**
 * A handler of Spring Boot's for only the observations Observa does not handle: every callback goes to the
 * delegate, and {@code supportsContext} is false for what Observa handles. Subclasses keep the delegate's
 * marker interface ({@code MeterObservationHandler}, {@code TracingObservationHandler}) so Boot's handler
 * groups treat the wrapper as they treated the original.
 */
abstract class DeferringHandler<H extends ObservationHandler<Observation.Context>>
    implements ObservationHandler<Observation.Context> {
  final H delegate;
  private final Predicate<Observation.Context> observaHandles;

  DeferringHandler(H delegate, Predicate<Observation.Context> observaHandles) {
    this.delegate = delegate;
    this.observaHandles = observaHandles;
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
