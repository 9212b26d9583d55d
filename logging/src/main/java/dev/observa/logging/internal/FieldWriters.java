package dev.observa.logging.internal;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.Route;
import dev.observa.spi.ObservaSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/** The small field writers the JSON encoder is composed of; each takes its field name at build time. */
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
    return (json, event, context, settings) -> {
      Instant instant = event.getInstant();
      json.field(name, timestamp(instant != null ? instant : Instant.ofEpochMilli(event.getTimeStamp())));
    };
  }

  public static FieldWriter level(String name) {
    return (json, event, context, settings) -> json.field(name, event.getLevel().toString());
  }

  public static FieldWriter message(String name, List<Pattern> masks) {
    if (masks.isEmpty()) {
      return (json, event, context, settings) -> json.field(name, event.getFormattedMessage());
    }
    return (json, event, context, settings) -> {
      String message = event.getFormattedMessage();
      if (message != null) {
        for (Pattern mask : masks) {
          message = mask.matcher(message).replaceAll(ObservaSettings.REDACTED);
        }
      }
      json.field(name, message);
    };
  }

  public static FieldWriter logger(String name) {
    return (json, event, context, settings) -> json.field(name, event.getLoggerName());
  }

  public static FieldWriter thread(String name) {
    return (json, event, context, settings) -> json.field(name, event.getThreadName());
  }

  public static FieldWriter service(String name, String override) {
    return (json, event, context, settings) -> json.field(name, override != null ? override : settings.serviceName());
  }

  public static FieldWriter constant(String name, String value) {
    return (json, event, context, settings) -> json.field(name, value);
  }

  public static FieldWriter trace(String traceId, String spanId, String traceFlags) {
    return (json, event, context, settings) -> {
      if (context.hasSpan()) {
        json.field(traceId, context.traceId());
        json.field(spanId, context.spanId());
        if (traceFlags != null) {
          json.field(traceFlags, context.traceFlags());
        }
      }
    };
  }

  public static FieldWriter tenant(String name) {
    return (json, event, context, settings) -> {
      String tenant = context.tenant();
      if (tenant != null && settings.declaredKeys().tenant().routesTo(Route.LOG)) {
        json.field(name, settings.isRedacted(DeclaredKeys.TENANT) ? ObservaSettings.REDACTED : tenant);
      }
    };
  }

  public static FieldWriter baggage(String name) {
    return (json, event, context, settings) -> {
      boolean open = false;
      for (DeclaredKey key : settings.declaredKeys().baggageKeys()) {
        String value = key.routesTo(Route.LOG) ? context.baggageValue(key.name()) : null;
        if (value == null) {
          continue;
        }
        if (!open) {
          json.name(name);
          json.beginObject();
          open = true;
        }
        json.field(key.name(), settings.isRedacted(key.name()) ? ObservaSettings.REDACTED : value);
      }
      if (open) {
        json.endObject();
      }
    };
  }

  public static FieldWriter keyValues(ErrorNames errorNames, int maxFrames) {
    return (json, event, context, settings) -> {
      List<KeyValuePair> pairs = event.getKeyValuePairs();
      if (pairs == null) {
        return;
      }
      for (KeyValuePair pair : pairs) {
        String key = pair.key == null ? "null" : pair.key;
        json.name(key);
        if (settings.isRedacted(key)) {
          json.string(ObservaSettings.REDACTED);
        } else if (pair.value instanceof Throwable error) {
          json.beginObject();
          errorFields(json, new ThrowableProxy(error), errorNames, maxFrames);
          json.endObject();
        } else {
          json.value(pair.value);
        }
      }
    };
  }

  public static FieldWriter mdc() {
    return (json, event, context, settings) -> {
      Map<String, String> mdc = event.getMDCPropertyMap();
      if (mdc == null || mdc.isEmpty()) {
        return;
      }
      for (Map.Entry<String, String> entry : mdc.entrySet()) {
        json.field(entry.getKey(), settings.isRedacted(entry.getKey()) ? ObservaSettings.REDACTED : entry.getValue());
      }
    };
  }

  public static FieldWriter markers(String name) {
    return (json, event, context, settings) -> {
      List<Marker> markers = event.getMarkerList();
      if (markers == null || markers.isEmpty()) {
        return;
      }
      json.name(name);
      json.value(markers.stream().map(Marker::getName).toList());
    };
  }

  public static FieldWriter error(ErrorNames names, int maxFrames) {
    return (json, event, context, settings) -> {
      IThrowableProxy error = event.getThrowableProxy();
      if (error != null) {
        errorFields(json, error, names, maxFrames);
      }
    };
  }

  private static void errorFields(JsonWriter json, IThrowableProxy error, ErrorNames names, int maxFrames) {
    json.field(names.type(), error.getClassName());
    json.field(names.message(), error.getMessage());
    json.field(names.stackTrace(), StackTraces.render(error, maxFrames));
  }

  /**
   * The names of the error fields.
   *
   * @param type exception class
   * @param message exception message
   * @param stackTrace rendered stack trace
   */
  public record ErrorNames(String type, String message, String stackTrace) {}
}
