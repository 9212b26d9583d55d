package dev.observa.spring.observation;

import io.micrometer.observation.Observation;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps Spring Boot's own observation handlers (Micrometer's meter handler, Micrometer Tracing's three tracing
 * handlers, and datasource-micrometer's three JDBC tracing handlers its auto-configuration adds beside a tracing
 * bridge) so that they skip every observation Observa handles: one span and one set of metrics per request,
 * whichever of Boot's tracing bridges is present. Handlers an application defines itself are left alone.
 */
final class BootHandlersDeferral implements BeanPostProcessor {
  static final String METER_HANDLER = "io.micrometer.core.instrument.observation.DefaultMeterObservationHandler";
  static final Set<String> TRACING_HANDLERS = Set.of(
      "io.micrometer.tracing.handler.DefaultTracingObservationHandler",
      "io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler",
      "io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler",
      // datasource-micrometer's, registered with a tracing bridge: a second span per query, raw SQL as a tag
      "net.ttddyy.observation.tracing.ConnectionTracingObservationHandler",
      "net.ttddyy.observation.tracing.QueryTracingObservationHandler",
      "net.ttddyy.observation.tracing.ResultSetTracingObservationHandler");

  private final Predicate<Observation.Context> observaHandles;

  BootHandlersDeferral(ObjectProvider<ObservaObservationHandler> handler) {
    this.observaHandles = new ObservaHandles(handler);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    String type = bean.getClass().getName();
    if (METER_HANDLER.equals(type)) {
      return DeferringMeterHandler.wrap(bean, observaHandles);
    }
    if (TRACING_HANDLERS.contains(type)) {
      return DeferringTracingHandler.wrap(bean, observaHandles);
    }
    return bean;
  }

  /**
   * Whether Observa handles a context. Boot's handler groups ask on every callback of every observation (a
   * request: five or six times), so the handler is looked up in the bean factory once, on first use, not per
   * question.
   */
  private static final class ObservaHandles implements Predicate<Observation.Context> {
    private final ObjectProvider<ObservaObservationHandler> provider;
    private volatile ObservaObservationHandler handler;

    ObservaHandles(ObjectProvider<ObservaObservationHandler> provider) {
      this.provider = provider;
    }

    @Override
    public boolean test(Observation.Context context) {
      ObservaObservationHandler observa = handler;
      if (observa == null) {
        observa = provider.getIfAvailable();
        if (observa == null) {
          return false;
        }
        handler = observa;
      }
      return observa.supportsContext(context);
    }
  }
}
