package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.logging.RequestCorrelation;
import dev.observa.tracing.OtelTracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ServerSpanCorrelationTest {

  @Test
  void observasOwnSdkRecordsTheServerSpanOfTheRequestButNotItsChildren() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ObservaAutoConfiguration.class))
        .run(context -> {
          Observa observa = context.getBean(Observa.class);
          try (Scope request = RequestCorrelation.attach(Context.current()).makeCurrent()) {
            RequestCorrelation correlation = RequestCorrelation.from(Context.current());
            var tracer = observa.unwrap(OpenTelemetry.class).getTracer("test");
            Span server = tracer.spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER).startSpan();
            try (Scope inServer = server.makeCurrent()) {
              tracer.spanBuilder("charge").startSpan().end();
            } finally {
              server.end();
            }
            assertThat(correlation.serverSpan()).isEqualTo(server.getSpanContext());
          }
        });
  }

  @Test
  void anSdkBuiltWithoutTheStarterHasNoServerSpanCorrelation() {
    try (Observa observa = Observa.builder().noDiscovery().tracing(OtelTracing.create()).build();
         Scope request = RequestCorrelation.attach(Context.current()).makeCurrent()) {
      RequestCorrelation correlation = RequestCorrelation.from(Context.current());
      observa.unwrap(OpenTelemetry.class).getTracer("test").spanBuilder("GET /orders").setSpanKind(SpanKind.SERVER)
          .startSpan().end();
      assertThat(correlation.serverSpan().isValid()).isFalse();
    }
  }

  @Test
  void isASpanProcessorBeanForSpringBootsSdk() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ObservaLoggingAutoConfiguration.class))
        .run(context -> assertThat(context.getBeansOfType(SpanProcessor.class)).hasSize(1));
  }
}
