package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.context.ObservaContext;
import dev.observa.trace.ActiveSpan;
import dev.observa.tracing.RecentTraces;
import dev.observa.tracing.TracingDescription;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Under the starter the {@code OTEL_*} settings work too (set here as the {@code otel.*} system properties
 * autoconfigure reads like the variables), and the precedence is customizer (builder) &gt; {@code observa.*}
 * &gt; {@code OTEL_*} &gt; default.
 */
@Timeout(120)
class ObservaTracingConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ObservaAutoConfiguration.class))
      .withPropertyValues("spring.application.name=orders");
  private final Map<String, String> previous = new HashMap<>();

  private void otel(String name, String value) {
    previous.putIfAbsent(name, System.getProperty(name));
    System.setProperty(name, value);
  }

  @AfterEach
  void restore() {
    previous.forEach((name, value) -> {
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
  }

  private static TracingDescription description(Observa observa) {
    return observa.unwrap(TracingDescription.class);
  }

  /** Records the names of the spans it sees start and end. */
  static final class NamingProcessor implements io.opentelemetry.sdk.trace.SpanProcessor {
    final java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public void onStart(io.opentelemetry.context.Context parent, io.opentelemetry.sdk.trace.ReadWriteSpan span) {
      seen.add("start " + span.getName());
      span.setAttribute("app.region", "eu-west-1");
    }

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(io.opentelemetry.sdk.trace.ReadableSpan span) {
      seen.add("end " + span.getName());
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }

  @Test
  void theApplicationsSpanProcessorBeansJoinObservasSdkAsTheyWouldJoinBoots() {
    NamingProcessor processor = new NamingProcessor();
    runner.withBean(NamingProcessor.class, () -> processor).run(context -> {
      Observa observa = context.getBean(Observa.class);
      String traceId;
      try (ActiveSpan span = observa.span("charge").startActive()) {
        traceId = span.span().getSpanContext().getTraceId();
      }
      assertThat(processor.seen).containsExactly("start charge", "end charge");
      RecentTraces recent = observa.unwrap(RecentTraces.class);
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (recent.trace(traceId).isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(recent.trace(traceId)).singleElement().satisfies(data ->
          assertThat(data.getAttributes().get(AttributeKey.stringKey("app.region"))).isEqualTo("eu-west-1"));
    });
  }

  @Test
  void withNothingSetTheDefaultsApply() {
    runner.run(context -> {
      Observa observa = context.getBean(Observa.class);
      assertThat(description(observa).exporters()).isEmpty();
      assertThat(description(observa).propagators()).containsExactly("tracecontext", "baggage");
      assertThat(observa.settings().serviceName()).isEqualTo("orders");
    });
  }

  @Test
  void otelVariablesAreHonouredUnderTheStarter() {
    otel("otel.traces.exporter", "console");
    otel("otel.traces.sampler", "always_off");
    otel("otel.resource.attributes", "service.name=from-otel,team=payments");
    runner.run(context -> {
      Observa observa = context.getBean(Observa.class);
      assertThat(description(observa).exporters()).containsExactly("console");
      assertThat(observa.settings().serviceName()).isEqualTo("from-otel");   // over spring.application.name
      try (ActiveSpan span = observa.span("x").startActive()) {
        assertThat(span.context().isSampled()).isFalse();
      }
    });
  }

  @Test
  void theConsoleExporterPrintsTheSpanUnderTheStarter() {
    otel("otel.traces.exporter", "console");
    java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger(
        "io.opentelemetry.exporter.logging.LoggingSpanExporter");
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        lines.add(record.getParameters() == null ? record.getMessage()
            : java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    jul.addHandler(capture);
    try {
      runner.run(context -> {
        try (ActiveSpan span = context.getBean(Observa.class).span("printed-by-the-starter").startActive()) {
          span.attribute("k", "v");
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("printed-by-the-starter"));
      });
    } finally {
      jul.removeHandler(capture);
    }
  }

  @Test
  void grpcWithoutAGrpcSenderStopsStartupNamingTheDependency() {
    runner.withPropertyValues("observa.tracing.exporters=otlp", "observa.tracing.otlp-protocol=grpc")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause()
              .hasMessageContaining("opentelemetry-exporter-sender-okhttp");
        });
  }

  @Test
  void resourceAttributesReachTheSpansUnderTheStarter() {
    otel("otel.resource.attributes", "team=payments");
    runner.run(context -> {
      Observa observa = context.getBean(Observa.class);
      String traceId;
      try (ActiveSpan span = observa.span("x").startActive()) {
        traceId = span.context().traceId();
      }
      var resource = observa.unwrap(RecentTraces.class).trace(traceId).get(0).getResource();
      assertThat(resource.getAttribute(AttributeKey.stringKey("team"))).isEqualTo("payments");
      assertThat(resource.getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("orders");
    });
  }

  @Test
  void sdkDisabledRecordsNoSpansAndTheApplicationStillStarts() {
    otel("otel.sdk.disabled", "true");
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      Observa observa = context.getBean(Observa.class);
      try (ActiveSpan span = observa.span("x").startActive()) {
        span.attribute("k", "v");
      }
      assertThat(observa.unwrap(RecentTraces.class).traceIds()).isEmpty();
    });
  }

  @Test
  void observaPropertiesWinOverOtelVariables() {
    otel("otel.traces.exporter", "console");
    otel("otel.service.name", "from-otel");
    runner.withPropertyValues("observa.tracing.exporters=otlp", "observa.service-name=from-observa")
        .run(context -> {
          Observa observa = context.getBean(Observa.class);
          assertThat(description(observa).exporters()).containsExactly("otlp");
          assertThat(observa.settings().serviceName()).isEqualTo("from-observa");
        });
  }

  @Test
  void aCustomizerWinsOverObservaProperties() {
    runner.withPropertyValues("observa.tracing.propagators=jaeger")
        .withBean(ObservaTracingCustomizer.class, () -> builder -> builder.propagators("b3"))
        .run(context -> assertThat(description(context.getBean(Observa.class)).propagators()).containsExactly("b3"));
  }

  @Test
  void inboundSamplingIsHonouredFromObservaPropertiesAndFromTheOtelSampler() {
    String parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    runner.withPropertyValues("observa.tracing.inbound-sampling=ratio", "observa.tracing.inbound-sampling-arg=0")
        .run(context -> assertThat(sampledChild(context.getBean(Observa.class), parent)).isFalse());
    otel("otel.traces.sampler", "observa_inbound_ratio");
    otel("otel.traces.sampler.arg", "0");
    runner.run(context -> assertThat(sampledChild(context.getBean(Observa.class), parent)).isFalse());
  }

  @Test
  void inboundTrustedCallersFromObservaPropertiesAreHonouredForThosePeersOnly() {
    String parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    runner.withPropertyValues("observa.tracing.inbound-sampling=ratio", "observa.tracing.inbound-sampling-arg=0",
        "observa.tracing.inbound-trusted-callers=10.0.0.0/8,127.0.0.1").run(context -> {
          Observa observa = context.getBean(Observa.class);
          assertThat(sampledChild(observa, parent, "10.20.30.40")).isTrue();
          assertThat(sampledChild(observa, parent, "127.0.0.1")).isTrue();
          assertThat(sampledChild(observa, parent, "203.0.113.5")).isFalse();
        });
    runner.withPropertyValues("observa.tracing.inbound-trusted-callers=gateway.internal").run(context ->
        assertThat(context.getStartupFailure()).hasStackTraceContaining("observa.tracing.inbound-trusted-callers")
            .hasStackTraceContaining("gateway.internal"));
  }

  @Test
  void tenantRoutesFromObservaPropertiesAddTheRoutingExporter() {
    runner.withPropertyValues("observa.tracing.tenants.routes.acme.endpoint=http://127.0.0.1:9/v1/traces",
        "observa.tracing.tenants.routes.acme.headers.X-Scope-OrgID=acme",
        "observa.tracing.tenants.default-route=acme").run(context ->
        assertThat(description(context.getBean(Observa.class)).exporters()).contains("TenantRoutingSpanExporter"));
    runner.withPropertyValues("observa.tracing.tenants.routes.acme.endpoint=http://127.0.0.1:9/v1/traces").run(context ->
        assertThat(context.getStartupFailure()).hasStackTraceContaining("observa.tracing.tenants.default-route"));
  }

  private static boolean sampledChild(Observa observa, String traceparent, String peer) {
    ObservaContext remote = observa.extract(Map.of("traceparent", traceparent), Carriers.mapGetter(), peer);
    try (Scope scope = remote.makeCurrent(); ActiveSpan span = observa.span("server").startActive()) {
      return span.context().isSampled();
    }
  }

  private static boolean sampledChild(Observa observa, String traceparent) {
    ObservaContext remote = observa.extract(Map.of("traceparent", traceparent), Carriers.mapGetter());
    try (Scope scope = remote.makeCurrent(); ActiveSpan span = observa.span("server").startActive()) {
      return span.context().isSampled();
    }
  }
}
