package dev.observa.tracing.internal;

import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import dev.observa.spi.Diagnostics;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.api.baggage.BaggageEntry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * W3C baggage with Observa's rules. Extraction reads every {@code baggage} header, ignores input over
 * 64 KiB, keeps at most 64 list-members and 8192 bytes (dropping whole members beyond, as the
 * specification allows), drops members that break {@link BaggageRules} (broken percent-encoding, a control
 * character once decoded, over-long keys or values, properties with anything but baggage-octets; reported
 * at most once a minute, never with a stack trace), and keeps every remaining entry in OpenTelemetry's own
 * {@code Baggage}: sinks decide what they show. Injection sends only keys declared with
 * {@link Route#PROPAGATE}, again within 64 members and 8192 bytes, and never a value or property that
 * {@link BaggageRules} refuses.
 *
 * <p>The tenant is not baggage: it is the context's tenant ({@link ObservaContext#tenantOf}). When the
 * tenant is declared {@code PROPAGATE} it is sent as the {@code tenant} member and an inbound {@code tenant}
 * member becomes the context's tenant (and leaves the baggage); otherwise an inbound {@code tenant} member
 * is undeclared baggage like any other, reaching no sink and never sent on.
 */
public final class DeclaredBaggagePropagator implements TextMapPropagator {
  static final int MAX_MEMBERS = 64;
  static final int MAX_BYTES = 8192;
  private static final int MAX_INPUT = 64 * 1024;
  private static final String BAGGAGE = "baggage";
  private static final String TENANT_PREFIX = DeclaredKeys.TENANT + "=";

  private static final List<String> FIELDS = List.of(BAGGAGE);
  /** The baggage keys sent, the tenant excluded. */
  private final String[] propagated;
  /** {@code key=} for each propagated key. */
  private final String[] prefixes;
  /** Whether the tenant travels as the {@code tenant} member. */
  private final boolean tenant;
  /** Every declared baggage key and the tenant's: inbound members with these keys reuse these strings. */
  private final String[] declared;

  /** @param keys the declarations; the keys routed to {@link Route#PROPAGATE} are the ones sent */
  public DeclaredBaggagePropagator(DeclaredKeys keys) {
    this.propagated = keys.baggageKeys().stream()
        .filter(key -> key.routesTo(Route.PROPAGATE)).map(DeclaredKey::name).toArray(String[]::new);
    this.prefixes = Stream.of(propagated).map(key -> key + "=").toArray(String[]::new);
    this.tenant = keys.tenant().routesTo(Route.PROPAGATE);
    this.declared = Stream.concat(keys.baggageKeys().stream().map(DeclaredKey::name), Stream.of(DeclaredKeys.TENANT))
        .distinct().toArray(String[]::new);
  }

  /** @return whether an {@code inject} can write anything */
  boolean sendsAnything() {
    return tenant || propagated.length > 0;
  }

  @Override
  public Collection<String> fields() {
    return FIELDS;
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    if (!sendsAnything() || context == null || setter == null) {
      return;
    }
    Baggage baggage = Baggage.fromContext(context);
    String tenantValue = tenant ? ObservaContext.tenantOf(context) : null;
    if (baggage.isEmpty() && tenantValue == null) {
      return;
    }
    // walk the few declared keys rather than every (possibly inbound, untrusted) entry
    String single = null;
    StringBuilder header = null;
    boolean withMetadata = false;
    int members = 0;
    for (int k = -1; k < propagated.length; k++) {
      String value;
      String metadata;
      String prefix;
      if (k < 0) {
        value = tenantValue; // the context's tenant, never an inbound baggage member
        metadata = null;
        prefix = TENANT_PREFIX;
      } else {
        BaggageEntry entry = baggage.getEntry(propagated[k]);
        value = entry == null ? null : entry.getValue();
        metadata = entry == null ? null : entry.getMetadata().getValue();
        prefix = prefixes[k];
      }
      if (value == null) {
        continue;
      }
      int kind = BaggageRules.kind(value);
      if (kind == BaggageRules.NOT_A_VALUE) {
        Diagnostics.warn("baggage.unsafe", "did not send a baggage value holding a control character or over "
            + BaggageRules.MAX_VALUE + " characters");
        continue;
      }
      if (metadata != null && !BaggageRules.isProperties(metadata)) {
        Diagnostics.warn("baggage.unsafe", "sent a baggage member without its properties, which hold characters "
            + "baggage properties may not");
        metadata = null;
      }
      members++;
      boolean plain = metadata == null || metadata.isEmpty();
      if (members == 1 && plain && kind == BaggageRules.PLAIN_VALUE) {
        single = prefix.concat(value); // the common case: one member, nothing to encode
        continue;
      }
      if (header == null) {
        header = new StringBuilder(64);
        if (single != null) {
          header.append(single);
        }
      }
      if (members > 1) {
        header.append(',');
      }
      header.append(prefix);
      BaggageRules.percentEncode(value, header);
      if (!plain) {
        header.append(';').append(metadata);
        withMetadata = true;
      }
    }
    String built = header != null ? header.toString() : single;
    if (built == null) {
      return;
    }
    // keys are declared tokens and values are percent-encoded: only metadata can make the header need trimming
    String limited = !withMetadata && members <= MAX_MEMBERS && built.length() <= MAX_BYTES ? built : limit(built);
    if (!limited.isEmpty()) {
      setter.set(carrier, BAGGAGE, limited);
    }
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (carrier == null || getter == null) {
      return context;
    }
    String header = HeaderValues.joined(carrier, getter, BAGGAGE, MAX_INPUT, false);
    if (header == HeaderValues.OVERSIZED) {
      Diagnostics.warn("baggage.oversized", "ignored a baggage header over " + MAX_INPUT + " characters");
      return context;
    }
    if (header == null || header.isEmpty()) {
      return context;
    }
    BaggageBuilder builder = Baggage.builder();
    int dropped = BaggageHeaderParser.parse(header, declared, builder);
    if ((dropped & BaggageHeaderParser.DROPPED_INVALID) != 0) {
      Diagnostics.warn("baggage.encoding", "dropped baggage members that are not key=value with a token key "
          + "and a percent-encoded value");
    }
    if ((dropped & BaggageHeaderParser.DROPPED_OVER_LIMIT) != 0) {
      Diagnostics.warn("baggage.limit", "dropped baggage members beyond 64 members or 8192 bytes");
    }
    Baggage baggage = builder.build();
    if (baggage.isEmpty()) {
      return context;
    }
    String inboundTenant = tenant ? baggage.getEntryValue(DeclaredKeys.TENANT) : null;
    if (inboundTenant != null) {
      baggage = baggage.toBuilder().remove(DeclaredKeys.TENANT).build();
      if (BaggageRules.isTenant(inboundTenant)) {
        context = ObservaContext.from(context).withTenant(inboundTenant).otelContext();
      }
    }
    return baggage.isEmpty() ? context : context.with(baggage);
  }

  /** Keeps whole members while within 64 members and 8192 bytes. */
  static String limit(String header) {
    if (withinLimits(header)) {
      return header;
    }
    StringBuilder out = new StringBuilder(Math.min(header.length(), MAX_BYTES));
    int members = 0;
    int bytes = 0;
    for (String raw : header.split(",")) {
      String member = raw.strip();
      if (member.isEmpty()) {
        continue;
      }
      int size = member.getBytes(StandardCharsets.UTF_8).length + (members == 0 ? 0 : 1);
      if (members == MAX_MEMBERS || bytes + size > MAX_BYTES) {
        Diagnostics.warn("baggage.limit", "dropped baggage members beyond 64 members or 8192 bytes");
        break;
      }
      if (members > 0) {
        out.append(',');
      }
      out.append(member);
      members++;
      bytes += size;
    }
    return out.toString();
  }

  /** True when the header is short, plain ASCII, has no empty member and at most 64 members: nothing to cut. */
  private static boolean withinLimits(String header) {
    if (header.length() > MAX_BYTES || header.isEmpty()) {
      return false;
    }
    int members = 1;
    char previous = ',';
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c >= 0x80 || c == ' ' || c == '\t' || (c == ',' && previous == ',')) {
        return false;
      }
      if (c == ',') {
        members++;
      }
      previous = c;
    }
    return previous != ',' && members <= MAX_MEMBERS;
  }
}
