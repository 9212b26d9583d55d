package dev.observa.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.spring.ObservaProperties;
import dev.observa.test.ObservaCapture;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class BootHandlersDeferralTest {
  private static BootHandlersDeferral deferral(ObservaCapture capture, ObservaProperties properties) {
    DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    beans.registerSingleton("observaObservationHandler", new ObservaObservationAutoConfiguration()
        .observaObservationHandler(capture.observa(), properties, new MockEnvironment()));
    return new BootHandlersDeferral(beans.getBeanProvider(ObservaObservationHandler.class));
  }

  @Test
  void bootsMeterHandlerSkipsWhatObservaHandlesAndStaysAMeterHandler() {
    try (ObservaCapture capture = ObservaCapture.start()) {
      ObservaProperties serverOff = new ObservaProperties();
      serverOff.getHttp().setServer(false);
      Object wrapped = deferral(capture, serverOff).postProcessAfterInitialization(
          new DefaultMeterObservationHandler(new SimpleMeterRegistry()), "defaultMeterObservationHandler");
      assertThat(wrapped).isInstanceOf(MeterObservationHandler.class);
      MeterObservationHandler<?> meters = (MeterObservationHandler<?>) wrapped;
      assertThat(meters.supportsContext(named("tasks.scheduled.execution"))).isFalse();
      assertThat(meters.supportsContext(new ServerRequestObservationContext(new MockHttpServletRequest("GET", "/"),
          new MockHttpServletResponse()))).as("observa.http.server=false leaves it to Boot").isTrue();
    }
  }

  @Test
  void datasourceMicrometersQueryTracingHandlerSkipsTheQueriesObservaHandles() {
    try (ObservaCapture capture = ObservaCapture.start()) {
      Object wrapped = deferral(capture, new ObservaProperties()).postProcessAfterInitialization(
          new net.ttddyy.observation.tracing.QueryTracingObservationHandler(io.micrometer.tracing.Tracer.NOOP),
          "queryTracingObservationHandler");
      assertThat(wrapped).isInstanceOf(io.micrometer.tracing.handler.TracingObservationHandler.class);
      assertThat(((io.micrometer.tracing.handler.TracingObservationHandler<?>) wrapped)
          .supportsContext(new net.ttddyy.observation.tracing.QueryContext())).isFalse();
    }
  }

  @Test
  void handlersTheApplicationDefinesAreLeftAlone() {
    try (ObservaCapture capture = ObservaCapture.start()) {
      MeterObservationHandler<Observation.Context> own = new MeterObservationHandler<>() {
        @Override
        public boolean supportsContext(Observation.Context context) {
          return true;
        }
      };
      assertThat(deferral(capture, new ObservaProperties()).postProcessAfterInitialization(own, "mine")).isSameAs(own);
    }
  }

  @Test
  void actuatorRequestsAreNotObservedAndOtherPathsAre() {
    ActuatorRequests predicate = new ActuatorRequests("/actuator/");
    assertThat(predicate.test("http.server.requests", server("", "/actuator/health"))).isFalse();
    assertThat(predicate.test("http.server.requests", server("", "/actuator"))).isFalse();
    assertThat(predicate.test("http.server.requests", server("/shop", "/shop/actuator/prometheus"))).isFalse();
    assertThat(predicate.test("http.server.requests", server("", "/actuators"))).isTrue();
    assertThat(predicate.test("http.server.requests", server("", "/front"))).isTrue();
    assertThat(predicate.test("tasks.scheduled.execution", new Observation.Context())).isTrue();
  }

  private static ServerRequestObservationContext server(String contextPath, String uri) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
    request.setContextPath(contextPath);
    return new ServerRequestObservationContext(request, new MockHttpServletResponse());
  }

  private static Observation.Context named(String name) {
    Observation.Context context = new Observation.Context();
    context.setName(name);
    return context;
  }
}
