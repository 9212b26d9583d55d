package dev.observa.tracing.internal;

import dev.observa.context.Carriers;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.Route;
import dev.observa.spi.Diagnostics;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * W3C baggage with Observa's rules. Extraction reads every {@code baggage} header, ignores input over
 * 64 KiB, keeps at most 64 list-members and 8192 bytes (dropping whole members beyond, as the
 * specification allows), drops members whose percent-encoding is broken (reported at most once a minute,
 * never with a stack trace), and keeps every remaining entry in the context: sinks decide what they
 * show. Injection sends only keys declared with {@link Route#PROPAGATE}, again within 64 members and
 * 8192 bytes.
 */
public final class DeclaredBaggagePropagator implements TextMapPropagator {
  static final int MAX_MEMBERS = 64;
  static final int MAX_BYTES = 8192;
  private static final int MAX_INPUT = 64 * 1024;
  private static final String BAGGAGE = "baggage";

  private final TextMapPropagator w3c = W3CBaggagePropagator.getInstance();
  private final DeclaredKeys keys;

  /** @param keys the declarations */
  public DeclaredBaggagePropagator(DeclaredKeys keys) {
    this.keys = keys;
  }

  @Override
  public Collection<String> fields() {
    return w3c.fields();
  }

  @Override
  public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
    Baggage baggage = Baggage.fromContext(context);
    if (baggage.isEmpty() || carrier == null || setter == null) {
      return;
    }
    StringBuilder header = new StringBuilder();
    baggage.forEach((key, entry) -> {
      if (!keys.routes(key, Route.PROPAGATE)) {
        return;
      }
      if (header.length() > 0) {
        header.append(',');
      }
      header.append(key).append('=');
      percentEncode(entry.getValue(), header);
      String metadata = entry.getMetadata().getValue();
      if (metadata != null && !metadata.isEmpty()) {
        header.append(';').append(metadata);
      }
    });
    String limited = limit(header.toString());
    if (!limited.isEmpty()) {
      setter.set(carrier, BAGGAGE, limited);
    }
  }

  /** Writes a value as W3C baggage-octets, percent-encoding UTF-8 bytes outside that set (and '%'). */
  static void percentEncode(String value, StringBuilder out) {
    if (isBaggageOctets(value)) {
      out.append(value);
      return;
    }
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean octet = c == 0x21 || (c >= 0x23 && c <= 0x2b && c != 0x25) || (c >= 0x2d && c <= 0x3a)
          || (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
      if (octet) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
  }

  private static boolean isBaggageOctets(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean octet = c == 0x21 || (c >= 0x23 && c <= 0x2b && c != 0x25) || (c >= 0x2d && c <= 0x3a)
          || (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
      if (!octet) {
        return false;
      }
    }
    return true;
  }

  @Override
  public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
    if (carrier == null || getter == null) {
      return context;
    }
    List<String> values = HeaderValues.all(carrier, getter, BAGGAGE, MAX_INPUT);
    if (values == null) {
      Diagnostics.warn("baggage.oversized", "ignored a baggage header over " + MAX_INPUT + " characters");
      return context;
    }
    if (values.isEmpty()) {
      return context;
    }
    String header = limit(dropBrokenMembers(String.join(",", values)));
    if (header.isEmpty()) {
      return context;
    }
    return w3c.extract(context, Map.of(BAGGAGE, header), Carriers.mapGetter());
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

  private static String dropBrokenMembers(String header) {
    if (header.indexOf('%') < 0) {
      return header;
    }
    StringBuilder out = new StringBuilder(header.length());
    for (String member : header.split(",")) {
      if (hasBrokenPercentEncoding(member)) {
        Diagnostics.warn("baggage.encoding", "dropped a baggage member with broken percent-encoding");
        continue;
      }
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(member);
    }
    return out.toString();
  }

  private static boolean hasBrokenPercentEncoding(String member) {
    for (int i = 0; i < member.length(); i++) {
      if (member.charAt(i) == '%') {
        if (i + 2 >= member.length() || Character.digit(member.charAt(i + 1), 16) < 0
            || Character.digit(member.charAt(i + 2), 16) < 0) {
          return true;
        }
        i += 2;
      }
    }
    return false;
  }
}
