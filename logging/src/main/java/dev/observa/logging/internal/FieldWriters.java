package dev.observa.logging.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import dev.observa.spi.ObservaSettings;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.SpanContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.regex.Pattern;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * The small field writers the JSON encoder is composed of; each encodes its field name once, at build
 * time, and writes per event without allocating.
 */
public final class FieldWriters {
  private FieldWriters() {}

  /**
   * @param instant a time
   * @return it as RFC 3339 UTC with microseconds
   */
  public static String timestamp(Instant instant) {
    return Timestamps.format(instant);
  }

  public static FieldWriter timestamp(String name) {
    byte[] key = JsonWriter.encodeName(name);
    return (json, event, context, span, settings) -> {
      json.name(key);
      Instant instant = event.getInstant();
      if (instant != null) {
        Timestamps.write(json, instant.getEpochSecond(), instant.getNano());
      } else {
        long millis = event.getTimeStamp();
        Timestamps.write(json, Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000);
      }
    };
  }

  public static FieldWriter level(String name) {
    byte[] key = JsonWriter.encodeName(name);
    Level[] levels = {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR};
    byte[][] values = new byte[levels.length][];
    for (int i = 0; i < levels.length; i++) {
      values[i] = ("\"" + levels[i] + "\"").getBytes(StandardCharsets.US_ASCII);
    }
    return (json, event, context, span, settings) -> {
      json.name(key);
      Level level = event.getLevel();
      for (int i = 0; i < levels.length; i++) {
        if (levels[i] == level) {
          json.rawValue(values[i]);
          return;
        }
      }
      json.string(String.valueOf(level));
    };
  }

  public static FieldWriter message(String name, List<Pattern> masks) {
    byte[] key = JsonWriter.encodeName(name);
    if (masks.isEmpty()) {
      return (json, event, context, span, settings) -> json.field(key, event.getFormattedMessage());
    }
    return (json, event, context, span, settings) -> {
      String message = event.getFormattedMessage();
      if (message != null) {
        for (Pattern mask : masks) {
          message = mask.matcher(message).replaceAll(ObservaSettings.REDACTED);
        }
      }
      json.field(key, message);
    };
  }

  public static FieldWriter logger(String name) {
    byte[] key = JsonWriter.encodeName(name);
    return (json, event, context, span, settings) -> json.recurringField(key, event.getLoggerName());
  }

  public static FieldWriter thread(String name) {
    byte[] key = JsonWriter.encodeName(name);
    return (json, event, context, span, settings) -> json.recurringField(key, event.getThreadName());
  }

  public static FieldWriter service(String name, String override) {
    byte[] key = JsonWriter.encodeName(name);
    return (json, event, context, span, settings) ->
        json.recurringField(key, override != null ? override : settings.serviceName());
  }

  public static FieldWriter constant(String name, String value) {
    byte[] key = JsonWriter.encodeName(name);
    JsonWriter encoded = new JsonWriter(value.length() * 6 + 8);
    encoded.string(value);
    byte[] constant = encoded.toByteArray();
    return (json, event, context, span, settings) -> {
      json.name(key);
      json.rawValue(constant);
    };
  }

  public static FieldWriter trace(String traceId, String spanId, String traceFlags) {
    byte[] traceKey = JsonWriter.encodeName(traceId);
    byte[] spanKey = JsonWriter.encodeName(spanId);
    byte[] flagsKey = traceFlags == null ? null : JsonWriter.encodeName(traceFlags);
    JsonWriter.MemberRun<SpanContext> ids = (json, span) -> {
      // ids of a valid span context are lower-case hex: written without the escaping scan
      json.name(traceKey);
      json.hexId(span.getTraceId());
      json.name(spanKey);
      json.hexId(span.getSpanId());
      if (flagsKey != null) {
        json.name(flagsKey);
        json.asciiString(span.getTraceFlags().asHex());
      }
    };
    return (json, event, context, span, settings) -> {
      if (span.isValid()) {
        json.memberRun(span, ids); // the lines of one span share these bytes
      }
    };
  }

  public static FieldWriter tenant(String name) {
    byte[] key = JsonWriter.encodeName(name);
    return (json, event, context, span, settings) -> {
      String tenant = ObservaContext.tenantOf(context);
      if (tenant != null && settings.declaredKeys().tenant().routesTo(Route.LOG)) {
        json.field(key, settings.isRedacted(DeclaredKeys.TENANT) ? ObservaSettings.REDACTED : tenant);
      }
    };
  }

  public static FieldWriter baggage(String name) {
    byte[] key = JsonWriter.encodeName(name);
    return (json, event, context, span, settings) -> {
      List<DeclaredKey> keys = settings.declaredKeys().baggageKeys();
      if (keys.isEmpty()) {
        return;
      }
      Baggage baggage = Baggage.fromContext(context);
      if (baggage.isEmpty()) {
        return;
      }
      boolean open = false;
      for (DeclaredKey declared : keys) {
        String value = declared.routesTo(Route.LOG) ? baggage.getEntryValue(declared.name()) : null;
        if (value == null) {
          continue;
        }
        if (!open) {
          json.name(key);
          json.beginObject();
          open = true;
        }
        json.field(declared.name(), settings.isRedacted(declared.name()) ? ObservaSettings.REDACTED : value);
      }
      if (open) {
        json.endObject();
      }
    };
  }

  public static FieldWriter keyValues(ErrorNames errorNames, int maxFrames) {
    ErrorKeys errorKeys = new ErrorKeys(errorNames);
    return (json, event, context, span, settings) -> {
      List<KeyValuePair> pairs = event.getKeyValuePairs();
      if (pairs == null || pairs.isEmpty()) {
        return;
      }
      if (pairs instanceof RandomAccess) {
        for (int i = 0, n = pairs.size(); i < n; i++) {
          keyValue(json, pairs.get(i), settings, errorKeys, maxFrames);
        }
      } else {
        for (KeyValuePair pair : pairs) {
          keyValue(json, pair, settings, errorKeys, maxFrames);
        }
      }
    };
  }

  private static void keyValue(JsonWriter json, KeyValuePair pair, ObservaSettings settings, ErrorKeys errorKeys,
      int maxFrames) {
    String key = pair.key == null ? "null" : pair.key;
    if (json.keyName(key, settings.redactedKeys())) {
      json.string(ObservaSettings.REDACTED);
    } else if (pair.value instanceof Throwable error) {
      json.beginObject();
      errorFields(json, new ThrowableProxy(error), errorKeys, maxFrames);
      json.endObject();
    } else {
      json.value(pair.value);
    }
  }

  public static FieldWriter mdc() {
    return (json, event, context, span, settings) -> {
      Map<String, String> mdc = event.getMDCPropertyMap();
      if (mdc == null || mdc.isEmpty()) {
        return;
      }
      for (Map.Entry<String, String> entry : mdc.entrySet()) {
        String key = entry.getKey();
        boolean redacted = json.keyName(key == null ? "null" : key, settings.redactedKeys());
        json.string(redacted ? ObservaSettings.REDACTED : entry.getValue());
      }
    };
  }

  public static FieldWriter markers(String name) {
    byte[] key = JsonWriter.encodeName(name);
    return (json, event, context, span, settings) -> {
      List<Marker> markers = event.getMarkerList();
      if (markers == null || markers.isEmpty()) {
        return;
      }
      json.name(key);
      json.value(markers.stream().map(Marker::getName).toList());
    };
  }

  public static FieldWriter error(ErrorNames names, int maxFrames) {
    ErrorKeys keys = new ErrorKeys(names);
    return (json, event, context, span, settings) -> {
      IThrowableProxy error = event.getThrowableProxy();
      if (error != null) {
        errorFields(json, error, keys, maxFrames);
      }
    };
  }

  private static void errorFields(JsonWriter json, IThrowableProxy error, ErrorKeys keys, int maxFrames) {
    json.field(keys.type, error.getClassName());
    json.field(keys.message, error.getMessage());
    json.name(keys.stackTrace);
    StackTraces.write(json, error, maxFrames);
  }

  /**
   * The names of the error fields.
   *
   * @param type exception class
   * @param message exception message
   * @param stackTrace rendered stack trace
   */
  public record ErrorNames(String type, String message, String stackTrace) {}

  /** {@link ErrorNames} pre-encoded. */
  private static final class ErrorKeys {
    final byte[] type;
    final byte[] message;
    final byte[] stackTrace;

    ErrorKeys(ErrorNames names) {
      this.type = JsonWriter.encodeName(names.type());
      this.message = JsonWriter.encodeName(names.message());
      this.stackTrace = JsonWriter.encodeName(names.stackTrace());
    }
  }
}
