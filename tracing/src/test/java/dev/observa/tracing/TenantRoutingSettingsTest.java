package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.sun.net.httpserver.HttpServer;
import dev.observa.Observa;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tenant routing as a setting: per-tenant OTLP endpoints and headers, a default route, two real receivers. */
@Timeout(60)
class TenantRoutingSettingsTest {
  /** One OTLP/HTTP receiver on loopback: each request as "tenant-header|body" (body read as Latin-1). */
  private static final class Receiver implements AutoCloseable {
    final List<String> requests = new CopyOnWriteArrayList<>();
    final HttpServer server;

    Receiver() throws Exception {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/v1/traces", exchange -> {
        requests.add(exchange.getRequestHeaders().getFirst("X-Scope-OrgID") + "|"
            + exchange.getRequestHeaders().getFirst("Authorization") + "|"
            + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      });
      server.start();
    }

    String endpoint() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    String all() {
      return String.join("\n", requests);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private Receiver first;
  private Receiver second;

  @BeforeEach
  void startReceivers() throws Exception {
    first = new Receiver();
    second = new Receiver();
  }

  @AfterEach
  void stopReceivers() {
    first.close();
    second.close();
  }

  private static void recordSpans(OtelTracing tracing, String... tenants) {
    try (Observa obs = Observa.builder().noDiscovery().serviceName("billing").tracing(tracing).build()) {
      for (String tenant : tenants) {
        try (Scope scope = (tenant == null ? obs.context() : obs.context().withTenant(tenant)).makeCurrent();
            ActiveSpan span = obs.span("work-of-" + tenant).startActive()) {
          span.attribute("n", 1);
        }
      }
      obs.unwrap(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
    }
  }

  private Map<String, String> routes() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("observa.tracing.tenants.routes.acme.endpoint", first.endpoint());
    properties.put("observa.tracing.tenants.routes.acme.headers.X-Scope-OrgID", "acme");
    properties.put("observa.tracing.tenants.routes.globex.endpoint", second.endpoint());
    properties.put("observa.tracing.tenants.routes.globex.headers.X-Scope-OrgID", "globex");
    properties.put("observa.tracing.tenants.routes.globex.headers.Authorization", "Bearer globex-token");
    properties.put("observa.tracing.tenants.default-route", "acme");
    return properties;
  }

  @Test
  void observaPropertiesRouteEachTenantToItsOwnEndpointWithItsOwnHeaders() {
    recordSpans(OtelTracing.builder().properties(routes()).build(), "acme", "globex", null, "initech");
    assertThat(first.all()).contains("work-of-acme").contains("work-of-null").contains("work-of-initech")
        .doesNotContain("work-of-globex");
    assertThat(first.requests).allSatisfy(request -> assertThat(request).startsWith("acme|null|"));
    assertThat(second.all()).contains("work-of-globex").doesNotContain("work-of-acme").doesNotContain("work-of-null");
    assertThat(second.requests).allSatisfy(request -> assertThat(request).startsWith("globex|Bearer globex-token|"));
  }

  @Test
  void builderRoutesWinOverPropertiesForTheSameTenant() {
    recordSpans(OtelTracing.builder().properties(routes())
        .tenantRoute("globex", first.endpoint(), Map.of("X-Scope-OrgID", "globex-moved"))
        .defaultTenantRoute("globex").build(), "globex", null);
    assertThat(second.requests).isEmpty();
    assertThat(first.all()).contains("work-of-globex").contains("work-of-null");
    assertThat(first.requests).allSatisfy(request -> assertThat(request).startsWith("globex-moved|null|"));
  }

  @Test
  void incompleteOrInvalidRoutesAreRejectedWhenBuilt() {
    Map<String, String> noDefault = routes();
    noDefault.remove("observa.tracing.tenants.default-route");
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder().properties(noDefault).build())
        .withMessageContaining("observa.tracing.tenants.default-route").withMessageContaining("[acme, globex]");
    Map<String, String> unknownDefault = routes();
    unknownDefault.put("observa.tracing.tenants.default-route", "initech");
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder().properties(unknownDefault).build())
        .withMessageContaining("'initech'");
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder()
        .properties(Map.of("observa.tracing.tenants.routes.acme.endpoint", "tempo:4318")))
        .withMessageContaining("observa.tracing.tenants.routes.acme.endpoint").withMessageContaining("tempo:4318");
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder()
        .properties(Map.of("observa.tracing.tenants.routes.acme.headers.X-Scope-OrgID", "acme",
            "observa.tracing.tenants.default-route", "acme")).build())
        .withMessageContaining("observa.tracing.tenants.routes.acme.endpoint");
    assertThatIllegalArgumentException().isThrownBy(() -> OtelTracing.builder()
        .properties(Map.of("observa.tracing.tenants.routes.acme.port", "4318")))
        .withMessageContaining("observa.tracing.tenants.routes.acme.port");
  }

  @Test
  void templatedPropertyNamesFindTheirSetting() {
    assertThat(TracingSettings.byProperty("observa.tracing.tenants.routes.acme.endpoint"))
        .isSameAs(TracingSettings.TENANT_ENDPOINT);
    assertThat(TracingSettings.byProperty("observa.tracing.tenants.routes.acme.headers.X-Scope-OrgID"))
        .isSameAs(TracingSettings.TENANT_HEADERS);
  }
}
