package dev.observa.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.observa.Observa;
import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import dev.observa.logging.internal.JsonWriter;
import dev.observa.spi.ObservaSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

/**
 * A Logback encoder writing exactly one JSON object per line, carrying the shared context: trace id,
 * span id, trace flags, the tenant and the baggage entries declared with {@code Route.LOG}, plus the
 * event's key-values (typed, top level), MDC, markers and an error object.
 *
 * <pre>{@code
 * <appender name="JSON" class="ch.qos.logback.core.ConsoleAppender">
 *   <encoder class="dev.observa.logging.JsonLinesEncoder"/>
 * </appender>
 * }</pre>
 *
 * <p>Example line:
 * <pre>{@code
 * {"timestamp":"2026-11-24T05:20:00.123456Z","level":"INFO","logger":"my-app","thread":"main",
 *  "message":"hello","service.name":"checkout","trace_id":"4bf9…","span_id":"00f0…","trace_flags":"01",
 *  "tenant":"acme","baggage":{"greeting":"Bonjour"},"attempt":3}
 * }</pre>
 * (shown wrapped; the encoder writes it on one line).
 *
 * <p>Routing, redaction and the service name come from {@link Observa#global()} unless set on the
 * encoder. The context is read on the thread that encodes, so use it with synchronous appenders here.
 * Nothing in a message is evaluated; control characters, U+2028/U+2029 and lone surrogates are escaped;
 * an encoding failure still yields one valid line with a marker, and never reaches the caller.
 *
 * @since 0.1.0
 */
public class JsonLinesEncoder extends EncoderBase<ILoggingEvent> {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);
  private static final int MAX_RETAINED_BUFFER = 64 * 1024;

  private final ThreadLocal<StringBuilder> buffers = ThreadLocal.withInitial(() -> new StringBuilder(1024));
  private String serviceName;
  private int maxValueLength = 32 * 1024;

  /**
   * @param serviceName the {@code service.name} field; default the global Observa's service name
   */
  public void setServiceName(String serviceName) {
    this.serviceName = serviceName;
  }

  /**
   * @param maxValueLength longest message or string field written in full; longer ones are cut with a
   *     {@code …[truncated N chars]} marker. Default 32768
   */
  public void setMaxValueLength(int maxValueLength) {
    this.maxValueLength = Math.max(16, maxValueLength);
  }

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    StringBuilder buffer = buffers.get();
    buffer.setLength(0);
    JsonWriter json = new JsonWriter(buffer).maxStringLength(maxValueLength);
    try {
      write(json, event, Observa.global().settings());
    } catch (RuntimeException | StackOverflowError e) {
      buffer.setLength(0);
      writeFallback(json, event, e);
    }
    buffer.append('\n');
    byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
    if (buffer.capacity() > MAX_RETAINED_BUFFER) {
      buffers.remove();
    }
    return bytes;
  }

  private void write(JsonWriter json, ILoggingEvent event, ObservaSettings settings) {
    json.beginObject();
    json.field("timestamp", TIMESTAMP.format(timestamp(event)));
    json.field("level", event.getLevel().toString());
    json.field("logger", event.getLoggerName());
    json.field("thread", event.getThreadName());
    json.field("message", event.getFormattedMessage());
    json.field("service.name", serviceName != null ? serviceName : settings.serviceName());
    writeContext(json, ObservaContext.current(), settings);
    writeKeyValues(json, event.getKeyValuePairs(), settings);
    writeMdc(json, event.getMDCPropertyMap(), settings);
    writeMarkers(json, event.getMarkerList());
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      json.name("error");
      json.beginObject();
      json.field("type", error.getClassName());
      json.field("message", error.getMessage());
      json.field("stack_trace", ThrowableProxyUtil.asString(error));
      json.endObject();
    }
    json.endObject();
  }

  private static Instant timestamp(ILoggingEvent event) {
    Instant instant = event.getInstant();
    return instant != null ? instant : Instant.ofEpochMilli(event.getTimeStamp());
  }

  private static void writeContext(JsonWriter json, ObservaContext context, ObservaSettings settings) {
    if (context.hasSpan()) {
      json.field("trace_id", context.traceId());
      json.field("span_id", context.spanId());
      json.field("trace_flags", context.traceFlags());
    }
    DeclaredKeys keys = settings.declaredKeys();
    String tenant = context.tenant();
    if (tenant != null && keys.tenant().routesTo(Route.LOG)) {
      json.field(DeclaredKeys.TENANT, tenant);
    }
    boolean open = false;
    for (DeclaredKey key : keys.baggageKeys()) {
      if (!key.routesTo(Route.LOG)) {
        continue;
      }
      String value = context.baggageValue(key.name());
      if (value == null) {
        continue;
      }
      if (!open) {
        json.name("baggage");
        json.beginObject();
        open = true;
      }
      json.field(key.name(), settings.isRedacted(key.name()) ? ObservaSettings.REDACTED : value);
    }
    if (open) {
      json.endObject();
    }
  }

  private static void writeKeyValues(JsonWriter json, List<KeyValuePair> pairs, ObservaSettings settings) {
    if (pairs == null) {
      return;
    }
    for (KeyValuePair pair : pairs) {
      String key = pair.key == null ? "null" : pair.key;
      json.name(key);
      if (settings.isRedacted(key)) {
        json.string(ObservaSettings.REDACTED);
      } else if (pair.value instanceof Throwable error) {
        writeThrowable(json, error);
      } else {
        json.value(pair.value);
      }
    }
  }

  private static void writeThrowable(JsonWriter json, Throwable error) {
    json.beginObject();
    json.field("type", error.getClass().getName());
    json.field("message", JsonWriter.safeToString(error.getMessage()));
    java.io.StringWriter trace = new java.io.StringWriter();
    try {
      error.printStackTrace(new java.io.PrintWriter(trace));
    } catch (RuntimeException e) {
      trace.write("[stack trace unavailable: " + e.getClass().getName() + "]");
    }
    json.field("stack_trace", trace.toString());
    json.endObject();
  }

  private static void writeMdc(JsonWriter json, Map<String, String> mdc, ObservaSettings settings) {
    if (mdc == null || mdc.isEmpty()) {
      return;
    }
    for (Map.Entry<String, String> entry : mdc.entrySet()) {
      json.field(entry.getKey(), settings.isRedacted(entry.getKey()) ? ObservaSettings.REDACTED : entry.getValue());
    }
  }

  private static void writeMarkers(JsonWriter json, List<Marker> markers) {
    if (markers == null || markers.isEmpty()) {
      return;
    }
    json.name("markers");
    json.value(markers.stream().map(Marker::getName).toList());
  }

  private static void writeFallback(JsonWriter json, ILoggingEvent event, Throwable failure) {
    json.beginObject();
    json.field("timestamp", TIMESTAMP.format(Instant.now()));
    json.field("level", String.valueOf(event.getLevel()));
    json.field("logger", event.getLoggerName());
    json.field("message", JsonWriter.safeToString(event.getMessage()));
    json.field("encoding_error", failure.getClass().getName());
    json.endObject();
  }
}
