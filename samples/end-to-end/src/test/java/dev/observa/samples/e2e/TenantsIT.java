package dev.observa.samples.e2e;

import static dev.observa.samples.e2e.Backends.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.context.ObservaContext;
import dev.observa.trace.ActiveSpan;
import dev.observa.tracing.OtelTracing;
import dev.observa.tracing.TenantRoutingSpanExporter;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenants kept apart in a real backend: a Jaeger v2 that stores each tenant's spans by the
 * {@code X-Scope-OrgID} header of the OTLP request that carried them (one store and one query endpoint per
 * tenant, {@code shared} for requests without the header), fed by one service whose
 * {@link TenantRoutingSpanExporter} splits each batch by the tenant of the request a span was recorded in.
 */
class TenantsIT {

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void eachTenantSeesOnlyItsOwnTracesAndUntenantedRequestsGoToTheDefaultTenant(@TempDir Path dir)
      throws Exception {
    Path jaegerBinary = Backends.requireTool(System.getProperty("jaeger.binary", "missing"));
    Path config = Backends.requireFile("jaeger.config.dir").resolve("tenants.yaml");
    try (Backends backends = new Backends()) {
      int otlp = 0;
      JaegerQuery acmeQuery = null;
      JaegerQuery globexQuery = null;
      JaegerQuery sharedQuery = null;
      Path log = null;
      // a port picked free can be taken by another process before Jaeger binds it: Jaeger then exits, and the
      // test starts it again on other ports (at most three times)
      for (int attempt = 1; attempt <= 3; attempt++) {
        otlp = Backends.freePort();
        int acmePort = Backends.freePort();
        int globexPort = Backends.freePort();
        int sharedPort = Backends.freePort();
        log = dir.resolve("jaeger-" + attempt + ".log");
        Process jaeger = backends.start(log, List.of(jaegerBinary.toString(), "--config", config.toString()),
            "JAEGER_OTLP_PORT", String.valueOf(otlp),
            "ACME_QUERY_PORT", String.valueOf(acmePort), "ACME_QUERY_GRPC_PORT", String.valueOf(Backends.freePort()),
            "GLOBEX_QUERY_PORT", String.valueOf(globexPort), "GLOBEX_QUERY_GRPC_PORT", String.valueOf(Backends.freePort()),
            "SHARED_QUERY_PORT", String.valueOf(sharedPort), "SHARED_QUERY_GRPC_PORT", String.valueOf(Backends.freePort()));
        acmeQuery = new JaegerQuery(acmePort);
        globexQuery = new JaegerQuery(globexPort);
        sharedQuery = new JaegerQuery(sharedPort);
        JaegerQuery a = acmeQuery;
        JaegerQuery g = globexQuery;
        JaegerQuery s = sharedQuery;
        Backends.await(60, () -> !jaeger.isAlive() || a.ready() && g.ready() && s.ready());
        if (jaeger.isAlive() || !Files.readString(log).contains("address already in use")) {
          break;
        }
      }
      JaegerQuery acme = acmeQuery;
      JaegerQuery globex = globexQuery;
      JaegerQuery shared = sharedQuery;
      assertThat(await(5, () -> acme.ready() && globex.ready() && shared.ready()))
          .as("jaeger up; its log:\n%s", Files.readString(log)).isTrue();

      TenantRoutingSpanExporter routed = TenantRoutingSpanExporter.builder()
          .otlpEndpoint("http://127.0.0.1:" + otlp + "/v1/traces").tenantHeader("X-Scope-OrgID")
          .tenants("acme", "globex").defaultTenant("shared").build();
      String acmeTrace;
      String globexTrace;
      String untenantedTrace;
      String unknownTrace;
      try (Observa obs = Observa.builder().noDiscovery().serviceName("billing")
          .tracing(OtelTracing.builder().exporters("none").exporter(routed).build()).build()) {
        acmeTrace = request(obs, obs.context().withTenant("acme"));
        globexTrace = request(obs, obs.context().withTenant("globex"));
        untenantedTrace = request(obs, obs.context());
        unknownTrace = request(obs, obs.context().withTenant("initech"));
        obs.unwrap(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
      }

      assertThat(await(60, () -> acme.has(acmeTrace) && globex.has(globexTrace) && shared.has(untenantedTrace)
          && shared.has(unknownTrace))).as("each tenant's trace is stored; jaeger log:\n%s", Files.readString(log))
          .isTrue();
      assertThat(acme.trace(acmeTrace).orElseThrow())
          .allSatisfy(span -> assertThat(span.tags()).containsEntry("x-scope-orgid", "acme"));
      assertThat(acme.has(globexTrace) || acme.has(untenantedTrace) || acme.has(unknownTrace)).isFalse();
      assertThat(globex.has(acmeTrace) || globex.has(untenantedTrace) || globex.has(unknownTrace)).isFalse();
      assertThat(shared.has(acmeTrace) || shared.has(globexTrace)).isFalse();
      assertThat(acme.traceIds("billing")).containsExactly(acmeTrace);
      assertThat(globex.traceIds("billing")).containsExactly(globexTrace);
      assertThat(shared.traceIds("billing")).containsExactlyInAnyOrder(untenantedTrace, unknownTrace);
      System.out.printf("Jaeger tenants: acme %s, globex %s, shared %s%n", acme.traceIds("billing"),
          globex.traceIds("billing"), shared.traceIds("billing"));
    }
  }

  /** A request's server span and a child, recorded in the given context; returns the trace id. */
  private static String request(Observa obs, ObservaContext context) {
    try (Scope scope = context.makeCurrent();
         ActiveSpan server = obs.span("GET /invoices").startActive();
         ActiveSpan child = obs.span("load-invoices").startActive()) {
      child.attribute("invoices", 3);
      return server.context().traceId();
    }
  }
}
