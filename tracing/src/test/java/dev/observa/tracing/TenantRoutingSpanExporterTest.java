package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.observa.Observa;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class TenantRoutingSpanExporterTest {
  /** Request bodies (OTLP protobuf, read as Latin-1 to find span names) by tenant header; "-" for none. */
  private final Map<String, List<String>> received = new ConcurrentHashMap<>();
  private HttpServer otlp;

  @BeforeEach
  void startReceiver() throws Exception {
    otlp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    otlp.createContext("/v1/traces", exchange -> {
      String tenant = exchange.getRequestHeaders().getFirst("X-Scope-OrgID");
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
      received.computeIfAbsent(tenant == null ? "-" : tenant, t -> new CopyOnWriteArrayList<>()).add(body);
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    otlp.start();
  }

  @AfterEach
  void stopReceiver() {
    otlp.stop(0);
  }

  private String endpoint() {
    return "http://127.0.0.1:" + otlp.getAddress().getPort() + "/v1/traces";
  }

  private void recordSpans(SpanExporter exporter, String... tenants) {
    try (Observa obs = Observa.builder().noDiscovery().serviceName("billing")
        .tracing(OtelTracing.builder().exporters("none").exporter(exporter).build()).build()) {
      for (String tenant : tenants) {
        try (Scope scope = (tenant == null ? obs.context() : obs.context().withTenant(tenant)).makeCurrent();
             ActiveSpan span = obs.span("work-of-" + tenant).startActive()) {
          span.attribute("n", 1);
        }
      }
      obs.unwrap(OpenTelemetrySdk.class).getSdkTracerProvider().forceFlush().join(30, TimeUnit.SECONDS);
    }
  }

  private String bodies(String tenant) {
    return String.join("\n", received.getOrDefault(tenant, List.of()));
  }

  @Test
  void batchIsSplitByTenantAndEachPartCarriesItsTenantHeader() {
    recordSpans(TenantRoutingSpanExporter.builder().otlpEndpoint(endpoint()).tenants("acme", "globex")
        .defaultTenant("shared").build(), "acme", "globex", "acme");
    assertThat(received).containsOnlyKeys("acme", "globex");
    assertThat(bodies("acme")).contains("work-of-acme").doesNotContain("work-of-globex");
    assertThat(bodies("globex")).contains("work-of-globex").doesNotContain("work-of-acme");
  }

  @Test
  void unknownAndAbsentTenantsGoToTheDefaultTenant() {
    recordSpans(TenantRoutingSpanExporter.builder().otlpEndpoint(endpoint()).tenants("acme")
        .defaultTenant("shared").build(), "acme", "intruder", null);
    assertThat(received).containsOnlyKeys("acme", "shared");
    assertThat(bodies("shared")).contains("work-of-intruder", "work-of-null").doesNotContain("work-of-acme");
  }

  @Test
  void withoutDefaultTenantUntenantedSpansAreSentWithoutTenantHeader() {
    recordSpans(TenantRoutingSpanExporter.builder().otlpEndpoint(endpoint()).tenants("acme").build(), "acme", null);
    assertThat(received).containsOnlyKeys("acme", "-");
    assertThat(bodies("-")).contains("work-of-null").doesNotContain("work-of-acme");
  }

  @Test
  void oneExporterPerListedTenantIsMadeWhenBuilt() {
    List<String> made = new CopyOnWriteArrayList<>();
    TenantRoutingSpanExporter exporter = TenantRoutingSpanExporter.builder()
        .exporterFactory(tenant -> { made.add(String.valueOf(tenant)); return new RecordingSpanExporter(); })
        .tenants("acme", "globex").defaultTenant("acme").build();
    recordSpans(exporter, "acme", "other-1", "other-2", "globex", null);
    assertThat(made).containsExactly("acme", "globex");
    assertThat(exporter.tenants()).containsExactlyInAnyOrder("acme", "globex");
  }

  @Test
  void failingTenantFailsTheBatchWithoutHoldingBackTheOthers() {
    RecordingSpanExporter globex = new RecordingSpanExporter();
    TenantRoutingSpanExporter exporter = TenantRoutingSpanExporter.builder()
        .exporterFactory(tenant -> "acme".equals(tenant) ? new Throwing() : globex)
        .tenants("acme", "globex").build();
    recordSpans(exporter, "acme", "globex");
    assertThat(globex.names()).containsExactly("work-of-globex");
  }

  @Test
  void rejectsInvalidSettingsNamingTheValue() {
    assertThatThrownBy(() -> TenantRoutingSpanExporter.builder().tenants("ac me"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ac me'");
    assertThatThrownBy(() -> TenantRoutingSpanExporter.builder().tenantHeader("X Scope"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'X Scope'");
    assertThatThrownBy(() -> TenantRoutingSpanExporter.builder().otlpEndpoint("jaeger:4318"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'jaeger:4318'");
    assertThatThrownBy(() -> TenantRoutingSpanExporter.builder().tenants("acme").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("otlpEndpoint");
    String[] tooMany = new String[TenantRoutingSpanExporterBuilder.MAX_TENANTS + 1];
    for (int i = 0; i < tooMany.length; i++) {
      tooMany[i] = "t" + i;
    }
    assertThatThrownBy(() -> TenantRoutingSpanExporter.builder().tenants(tooMany))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("101");
  }

  /** An exporter whose export throws, as a broken third-party exporter might. */
  private static final class Throwing implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      throw new IllegalStateException("broken exporter");
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
