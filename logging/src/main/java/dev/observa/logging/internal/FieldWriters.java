package dev.observa.logging.internal;

import dev.observa.logging.ContextualLoggingEvent;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.observa.context.DeclaredKey;
import dev.observa.context.Route;
import dev.observa.redaction.RedactionPolicy;
import dev.observa.spi.ObservaSettings;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
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
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        json.name(key);
        Instant instant = event.getInstant();
        if (instant != null) {
          Timestamps.write(json, instant.getEpochSecond(), instant.getNano());
        } else {
          long millis = event.getTimeStamp();
          Timestamps.write(json, Math.floorDiv(millis, 1000), (int) Math.floorMod(millis, 1000) * 1_000_000);
        }
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
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        json.name(key);
        Level level = event.getLevel();
        for (int i = 0; i < levels.length; i++) {
          if (levels[i] == level) {
            json.rawValue(values[i]);
            return;
          }
        }
        json.string(String.valueOf(level));
      }
    };
  }

  public static FieldWriter message(String name) {
    byte[] key = JsonWriter.encodeName(name);
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        json.redactedField(key, event.getFormattedMessage(), rules.policy());
      }
    };
  }

  public static FieldWriter logger(String name) {
    byte[] key = JsonWriter.encodeName(name);
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        json.recurringField(key, event.getLoggerName());
      }
    };
  }

  public static FieldWriter thread(String name) {
    byte[] key = JsonWriter.encodeName(name);
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        json.recurringField(key, event.getThreadName());
      }
    };
  }

  public static FieldWriter service(String name, String override) {
    byte[] key = JsonWriter.encodeName(name);
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        json.recurringField(key, override != null ? override : rules.settings().serviceName());
      }
    };
  }

  public static FieldWriter constant(String name, String value) {
    byte[] key = JsonWriter.encodeName(name);
    JsonWriter encoded = new JsonWriter(value.length() * 6 + 8);
    encoded.string(value);
    byte[] constant = encoded.toByteArray();
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        json.name(key);
        json.rawValue(constant);
      }
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
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        if (span.isValid()) {
          json.memberRun(span, ids); // the lines of one span share these bytes
        }
      }
    };
  }

  public static FieldWriter tenant(String name) {
    byte[] key = JsonWriter.encodeName(name);
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        ObservaSettings settings = rules.settings();
        String tenant = settings.contextValue(context, settings.declaredKeys().tenant(), Route.LOG);
        if (tenant != null) {
          json.field(key, tenant);
        }
      }
    };
  }

  public static FieldWriter baggage(String name) {
    byte[] key = JsonWriter.encodeName(name);
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        ObservaSettings settings = rules.settings();
        List<DeclaredKey> keys = settings.declaredKeys().baggageKeys();
        if (keys.isEmpty() || Baggage.fromContext(context).isEmpty()) {
          return;
        }
        boolean open = false;
        for (int i = 0, n = keys.size(); i < n; i++) {
          DeclaredKey declared = keys.get(i);
          String value = settings.contextValue(context, declared, Route.LOG);
          if (value == null) {
            continue;
          }
          if (!open) {
            json.name(key);
            json.beginObject();
            open = true;
          }
          json.field(declared.name(), value);
        }
        if (open) {
          json.endObject();
        }
      }
    };
  }

  public static FieldWriter keyValues(ErrorNames errorNames, int maxFrames) {
    ErrorKeys errorKeys = new ErrorKeys(errorNames);
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) {
          return;
        }
        if (pairs instanceof RandomAccess) {
          for (int i = 0, n = pairs.size(); i < n; i++) {
            keyValue(json, pairs.get(i), rules, errorKeys, maxFrames);
          }
        } else {
          for (KeyValuePair pair : pairs) {
            keyValue(json, pair, rules, errorKeys, maxFrames);
          }
        }
      }
    };
  }

  private static void keyValue(JsonWriter json, KeyValuePair pair, LineRules rules, ErrorKeys errorKeys,
      int maxFrames) {
    String key = pair.key == null ? "null" : pair.key;
    if (json.keyName(key, rules.keys())) {
      json.string(RedactionPolicy.REDACTED);
    } else if (pair.value instanceof Throwable error) {
      json.beginObject();
      errorFields(json, BoundedThrowables.proxy(error), errorKeys, maxFrames, rules.policy());
      json.endObject();
    } else if (pair.value instanceof String text) {
      json.redactedString(text, rules.policy());
    } else {
      json.redactedValue(pair.value, rules.policy());
    }
  }

  public static FieldWriter mdc() {
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        // the thread's own MDC: the correlation entries a ContextualLoggingEvent adds are written as own fields
        Map<String, String> mdc = event instanceof ContextualLoggingEvent contextual
            ? contextual.event().getMDCPropertyMap() : event.getMDCPropertyMap();
        if (mdc == null || mdc.isEmpty()) {
          return;
        }
        for (Map.Entry<String, String> entry : mdc.entrySet()) {
          String key = entry.getKey();
          boolean redacted = json.keyName(key == null ? "null" : key, rules.keys());
          if (redacted) {
            json.string(RedactionPolicy.REDACTED);
          } else {
            json.redactedString(entry.getValue(), rules.policy());
          }
        }
      }
    };
  }

  public static FieldWriter markers(String name) {
    byte[] key = JsonWriter.encodeName(name);
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        List<Marker> markers = event.getMarkerList();
        if (markers == null || markers.isEmpty()) {
          return;
        }
        json.name(key);
        json.value(markers.stream().map(Marker::getName).toList());
      }
    };
  }

  public static FieldWriter error(ErrorNames names, int maxFrames) {
    ErrorKeys keys = new ErrorKeys(names);
    return new FieldWriter() {
      @Override
      public void write(JsonWriter json, ILoggingEvent event, Context context, SpanContext span, LineRules rules) {
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
          errorFields(json, error, keys, maxFrames, rules.policy());
        }
      }
    };
  }

  private static void errorFields(JsonWriter json, IThrowableProxy error, ErrorKeys keys, int maxFrames,
      RedactionPolicy policy) {
    json.field(keys.type, StackTraces.className(error));
    json.redactedField(keys.message, error.getMessage(), policy);
    json.name(keys.stackTrace);
    StackTraces.write(json, error, maxFrames, policy);
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
