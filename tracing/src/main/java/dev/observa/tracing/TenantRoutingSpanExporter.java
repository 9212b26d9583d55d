package dev.observa.tracing;

import dev.observa.context.DeclaredKeys;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps tenants apart in a multi-tenant backend: each batch is split by the tenant its spans were recorded
 * under (the {@code tenant} span attribute that {@code ObservaContext.withTenant} puts on spans), and each
 * part goes through an exporter made for that tenant, typically an OTLP exporter sending the backend's
 * tenant header ({@code X-Scope-OrgID} for Tempo, Mimir and Loki; Jaeger's {@code x-tenant}).
 *
 * <pre>{@code
 * SpanExporter routed = TenantRoutingSpanExporter.builder()
 *     .otlpEndpoint("http://jaeger:4318/v1/traces").tenantHeader("X-Scope-OrgID")
 *     .tenants("acme", "globex").defaultTenant("shared")
 *     .build();
 * Observa obs = Observa.builder().tracing(OtelTracing.builder().exporters("none").exporter(routed).build()).build();
 * }</pre>
 *
 * <p>The tenants are listed when the exporter is built, and one exporter is made per tenant then, so a
 * request cannot create exporters (or connections) by inventing tenant values: spans of a tenant not listed,
 * and spans without a tenant, go to the default tenant (or, with no default tenant, without a tenant
 * header). Export never throws; a failing tenant fails the batch's result (the batch processor counts it as
 * {@code export_failed}) without holding back the other tenants. Thread-safe.
 *
 * @since 0.1.0
 */
public final class TenantRoutingSpanExporter implements SpanExporter {
  private final AttributeKey<String> attribute;
  private final Map<String, SpanExporter> byTenant;
  private final SpanExporter fallback;

  TenantRoutingSpanExporter(AttributeKey<String> attribute, Map<String, SpanExporter> byTenant,
      SpanExporter fallback) {
    this.attribute = attribute;
    this.byTenant = Map.copyOf(byTenant);
    this.fallback = fallback;
  }

  /** @return a builder; set an OTLP endpoint and tenant header, or an exporter factory */
  public static TenantRoutingSpanExporterBuilder builder() {
    return new TenantRoutingSpanExporterBuilder(DeclaredKeys.TENANT);
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    try {
      Map<SpanExporter, List<SpanData>> parts = new HashMap<>();
      for (SpanData span : spans) {
        String tenant = span.getAttributes().get(attribute);
        SpanExporter exporter = tenant == null ? fallback : byTenant.getOrDefault(tenant, fallback);
        parts.computeIfAbsent(exporter, e -> new ArrayList<>()).add(span);
      }
      if (parts.size() == 1) {
        Map.Entry<SpanExporter, List<SpanData>> only = parts.entrySet().iterator().next();
        return exportGuarded(only.getKey(), only.getValue());
      }
      List<CompletableResultCode> results = new ArrayList<>(parts.size());
      parts.forEach((exporter, part) -> results.add(exportGuarded(exporter, part)));
      return CompletableResultCode.ofAll(results);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return CompletableResultCode.ofExceptionalFailure(e);
    }
  }

  private static CompletableResultCode exportGuarded(SpanExporter exporter, List<SpanData> part) {
    try {
      return exporter.export(part);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      return CompletableResultCode.ofExceptionalFailure(e);
    }
  }

  @Override
  public CompletableResultCode flush() {
    return all(SpanExporter::flush);
  }

  @Override
  public CompletableResultCode shutdown() {
    return all(SpanExporter::shutdown);
  }

  private CompletableResultCode all(java.util.function.Function<SpanExporter, CompletableResultCode> call) {
    List<CompletableResultCode> results = new ArrayList<>(byTenant.size() + 1);
    for (SpanExporter exporter : exporters()) {
      try {
        results.add(call.apply(exporter));
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        results.add(CompletableResultCode.ofExceptionalFailure(e));
      }
    }
    return CompletableResultCode.ofAll(results);
  }

  private List<SpanExporter> exporters() {
    List<SpanExporter> all = new ArrayList<>(byTenant.values());
    all.add(fallback);
    return all;
  }

  /** @return the tenants with an exporter of their own (the default tenant's exporter is not counted) */
  public java.util.Set<String> tenants() {
    return byTenant.keySet();
  }

  @Override
  public String toString() {
    return "TenantRoutingSpanExporter{attribute=" + attribute.getKey() + ", tenants=" + byTenant.keySet() + "}";
  }
}
