package dev.observa.context;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.api.baggage.BaggageEntryMetadata;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one context that metrics, traces and logs share: the current trace id, span id, sampled flag,
 * baggage and tenant, as an immutable snapshot of an OpenTelemetry {@link Context}.
 *
 * <pre>{@code
 * try (Scope scope = ObservaContext.current()
 *     .withBaggage("greeting", "Bonjour")
 *     .withTenant("acme")
 *     .makeCurrent()) {
 *   // spans, log lines and exemplars created here all see the same trace id, baggage and tenant
 *   executor.submit(task); // with Context.taskWrapping(executor), the task sees them too
 * }
 * // here the previous context is back
 * }</pre>
 *
 * <p>Because the state lives in the OpenTelemetry {@code Context}, anything that carries that context
 * across threads ({@code Context.taskWrapping(executor)}, {@code Context.current().wrap(runnable)}, the
 * OpenTelemetry Java agent) carries this one too. {@link #current()} never returns null; {@code with…}
 * methods return copies; only {@link #makeCurrent()} changes what is current, for the life of its scope.
 * Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ObservaContext {
  private static final ContextKey<String> TENANT_KEY = ContextKey.named("observa-tenant");
  private static final ObservaContext ROOT = new ObservaContext(Context.root());
  /**
   * Whether {@link #withTenant} was ever given a tenant in this class loader: until then no context holds one, and
   * {@link #tenantOf} (asked on every span start, log line and context-tagged record) answers without searching the
   * context. Set before the first context holding a tenant exists, so a thread given such a context (through
   * whatever hand-off gave it the context) also sees this set; never cleared.
   */
  private static volatile boolean tenantsSet;

  private final Context context;
  private final SpanContext spanContext;

  private ObservaContext(Context context) {
    this.context = context;
    this.spanContext = Span.fromContext(context).getSpanContext();
  }

  /** @return a snapshot of the context current on this thread; never null */
  public static ObservaContext current() {
    return from(Context.current());
  }

  /**
   * @param context an OpenTelemetry context; null is treated as the root context
   * @return a snapshot of it
   */
  public static ObservaContext from(Context context) {
    return context == null || context == Context.root() ? ROOT : new ObservaContext(context);
  }

  /** @return the empty context: no span, no baggage, no tenant */
  public static ObservaContext root() {
    return ROOT;
  }

  /** @return whether a valid span (local or remote) is in this context */
  public boolean hasSpan() {
    return spanContext.isValid();
  }

  /** @return the 32-hex-digit trace id, or null when there is no valid span */
  public String traceId() {
    return spanContext.isValid() ? spanContext.getTraceId() : null;
  }

  /** @return the 16-hex-digit span id, or null when there is no valid span */
  public String spanId() {
    return spanContext.isValid() ? spanContext.getSpanId() : null;
  }

  /** @return whether the current span is sampled (false when there is no valid span) */
  public boolean isSampled() {
    return spanContext.isValid() && spanContext.isSampled();
  }

  /** @return the W3C trace flags as two hex digits, or null when there is no valid span */
  public String traceFlags() {
    return spanContext.isValid() ? spanContext.getTraceFlags().asHex() : null;
  }

  /** @return the OpenTelemetry span context; invalid when there is no span */
  public SpanContext spanContext() {
    return spanContext;
  }

  /**
   * All baggage entries, declared or not. Sinks must consult {@link DeclaredKeys} before writing any
   * of them: inbound baggage is untrusted.
   *
   * @return an unmodifiable map of key to value, in no particular order
   */
  public Map<String, String> baggage() {
    Baggage baggage = Baggage.fromContext(context);
    if (baggage.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> map = new LinkedHashMap<>();
    baggage.forEach((key, entry) -> map.put(key, entry.getValue()));
    return Collections.unmodifiableMap(map);
  }

  /**
   * @param key a baggage key, may be null
   * @return its value, or null when absent
   */
  public String baggageValue(String key) {
    return key == null ? null : Baggage.fromContext(context).getEntryValue(key);
  }

  /**
   * @param key a baggage key, may be null
   * @return the metadata string of the entry (W3C baggage properties), or null when absent
   */
  public String baggageMetadata(String key) {
    if (key == null) {
      return null;
    }
    BaggageEntry entry = Baggage.fromContext(context).asMap().get(key);
    return entry == null ? null : entry.getMetadata().getValue();
  }

  /** @return the tenant, or null when none is set */
  public String tenant() {
    return tenantOf(context);
  }

  /**
   * @return whether {@link #withTenant} was ever given a tenant in this class loader: until then no context holds
   *     one
   */
  static boolean tenantsEverSet() {
    return tenantsSet;
  }

  /**
   * The tenant of an OpenTelemetry context without taking a snapshot (for hot paths).
   *
   * @param context a context
   * @return its tenant, or null when none is set
   */
  public static String tenantOf(Context context) {
    if (!tenantsSet) {
      return null;
    }
    String tenant = context.get(TENANT_KEY);
    return tenant == null || tenant.isEmpty() ? null : tenant;
  }

  /**
   * Returns a copy with a baggage entry set. A null {@code value} removes the entry; a null or empty
   * {@code key} returns this context unchanged. Nothing is validated here: the propagator drops what
   * the W3C baggage format cannot carry when it injects.
   *
   * @param key the baggage key
   * @param value the value, or null to remove
   * @return the new context (not yet current)
   */
  public ObservaContext withBaggage(String key, String value) {
    return withBaggage(key, value, null);
  }

  /**
   * Returns a copy with a baggage entry and its W3C metadata (properties) set.
   *
   * @param key the baggage key; null or empty returns this context unchanged
   * @param value the value, or null to remove the entry
   * @param metadata the W3C properties string, or null for none
   * @return the new context (not yet current)
   */
  public ObservaContext withBaggage(String key, String value, String metadata) {
    if (key == null || key.isEmpty()) {
      return this;
    }
    Baggage baggage = Baggage.fromContext(context);
    Baggage updated =
        value == null
            ? baggage.toBuilder().remove(key).build()
            : baggage.toBuilder()
                .put(key, value, metadata == null ? BaggageEntryMetadata.empty() : BaggageEntryMetadata.create(metadata))
                .build();
    return new ObservaContext(context.with(updated));
  }

  /**
   * @param tenant the tenant; null or empty clears it
   * @return the new context (not yet current)
   */
  public ObservaContext withTenant(String tenant) {
    if (tenant != null && !tenant.isEmpty() && !tenantsSet) {
      tenantsSet = true;
    }
    return new ObservaContext(context.with(TENANT_KEY, tenant == null ? "" : tenant));
  }

  /**
   * Makes this context current until the returned scope is closed, which restores the previous one.
   * Always use try-with-resources.
   *
   * @return the scope to close
   */
  public Scope makeCurrent() {
    return context.makeCurrent();
  }

  /** @return the OpenTelemetry context behind this snapshot */
  public Context otelContext() {
    return context;
  }

  @Override
  public String toString() {
    return "ObservaContext{traceId=" + traceId() + ", spanId=" + spanId() + ", sampled=" + isSampled()
        + ", baggageKeys=" + baggage().keySet() + ", tenant=" + tenant() + "}";
  }
}
