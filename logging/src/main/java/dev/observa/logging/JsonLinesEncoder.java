package dev.observa.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.observa.Observa;
import dev.observa.logging.internal.FieldWriter;
import dev.observa.logging.internal.FieldWriters;
import dev.observa.logging.internal.FieldWriters.ErrorNames;
import dev.observa.logging.internal.JsonWriter;
import dev.observa.spi.ObservaSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A Logback encoder writing exactly one JSON object per line, carrying the shared context: trace id,
 * span id, trace flags, the tenant and the baggage entries declared with {@code Route.LOG}, plus the
 * event's key-values (typed, top level), MDC, markers and the exception.
 *
 * <pre>{@code
 * <appender name="JSON" class="ch.qos.logback.core.ConsoleAppender">
 *   <encoder class="dev.observa.logging.JsonLinesEncoder">
 *     <preset>ecs</preset>                          <!-- or otel, the default -->
 *     <maskPattern>Bearer [A-Za-z0-9._~+/-]+=*</maskPattern>
 *   </encoder>
 * </appender>
 * }</pre>
 *
 * <p>Field names come from a {@link FieldNames} preset (see it for an example line of each). Routing,
 * redaction and the service name come from {@link Observa#global()} unless set here. The context is the
 * one captured when the event was logged ({@link ObservaAsyncAppender} captures it before the hand-off),
 * else the one current on the encoding thread.
 *
 * <p>Nothing in a message is evaluated. Control characters, U+2028/U+2029 and lone surrogates are
 * escaped; long strings are cut with a marker; cyclic maps and throwing {@code toString()} methods are
 * written with markers. If encoding fails anyway, a minimal line with the message and an
 * {@code encoding_error} field is written instead: the event is never lost and nothing reaches the caller.
 *
 * @since 0.1.0
 */
public class JsonLinesEncoder extends EncoderBase<ILoggingEvent> {
  private static final int MAX_RETAINED_BUFFER = 64 * 1024;
  private static final ErrorNames NESTED_ERROR = new ErrorNames("type", "message", "stack_trace");

  private final ThreadLocal<JsonWriter> buffers = ThreadLocal.withInitial(() -> new JsonWriter(2048));
  private final List<Pattern> masks = new ArrayList<>();
  private FieldNames names = FieldNames.OTEL;
  private String serviceName;
  private Set<String> redactKeys;
  private int maxValueLength = 32 * 1024;
  private int maxStackTraceDepth = 64;
  private boolean includeMdc = true;
  private FieldWriter[] writers;
  private volatile ObservaSettings[] derivedSettings = {null, null};

  /** @param preset {@code otel} (default) or {@code ecs} */
  public void setPreset(String preset) {
    this.names = FieldNames.preset(preset);
  }

  /** @param names explicit field names, for a custom layout */
  public void setFieldNames(FieldNames names) {
    this.names = names;
  }

  /** @param serviceName the service name field; default the global Observa's service name */
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

  /** @param depth frames written per exception in a stack trace; default 64 */
  public void setMaxStackTraceDepth(int depth) {
    this.maxStackTraceDepth = Math.max(1, depth);
  }

  /** @param includeMdc whether MDC entries become fields; default true */
  public void setIncludeMdc(boolean includeMdc) {
    this.includeMdc = includeMdc;
  }

  /**
   * Replaces the redacted keys of the global settings for this encoder.
   *
   * @param keys comma-separated keys, matched case-insensitively
   */
  public void setRedactKeys(String keys) {
    Set<String> set = new LinkedHashSet<>();
    for (String key : keys.split(",")) {
      if (!key.isBlank()) {
        set.add(key.trim().toLowerCase(Locale.ROOT));
      }
    }
    this.redactKeys = Set.copyOf(set);
    this.derivedSettings = new ObservaSettings[] {null, null};
  }

  /**
   * Adds a regular expression whose matches in the message are replaced by {@code [REDACTED]}; may be
   * given several times. An invalid expression is reported and ignored.
   *
   * @param regex the expression, e.g. {@code Bearer [A-Za-z0-9._~+/-]+=*}
   */
  public void addMaskPattern(String regex) {
    try {
      masks.add(Pattern.compile(regex));
    } catch (PatternSyntaxException e) {
      addError("Ignoring invalid maskPattern '" + regex + "': " + e.getDescription());
    }
  }

  /** @param regex see {@link #addMaskPattern} */
  public void setMaskPattern(String regex) {
    addMaskPattern(regex);
  }

  @Override
  public void start() {
    writers = compose().toArray(FieldWriter[]::new);
    super.start();
  }

  private List<FieldWriter> compose() {
    List<FieldWriter> list = new ArrayList<>();
    list.add(FieldWriters.timestamp(names.timestamp()));
    list.add(FieldWriters.level(names.level()));
    list.add(FieldWriters.message(names.message(), List.copyOf(masks)));
    list.add(FieldWriters.logger(names.logger()));
    list.add(FieldWriters.thread(names.thread()));
    list.add(FieldWriters.service(names.service(), serviceName));
    if (names.schemaVersion() != null) {
      list.add(FieldWriters.constant(names.schemaVersion(), names.schemaVersionValue()));
    }
    list.add(FieldWriters.trace(names.traceId(), names.spanId(), names.traceFlags()));
    list.add(FieldWriters.tenant(names.tenant()));
    list.add(FieldWriters.baggage(names.baggage()));
    list.add(FieldWriters.keyValues(NESTED_ERROR, maxStackTraceDepth));
    if (includeMdc) {
      list.add(FieldWriters.mdc());
    }
    list.add(FieldWriters.markers(names.markers()));
    list.add(FieldWriters.error(new ErrorNames(names.errorType(), names.errorMessage(), names.errorStackTrace()),
        maxStackTraceDepth));
    return list;
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
    JsonWriter json = render(event);
    byte[] line = json.toByteArray();
    release(json);
    return line;
  }

  /**
   * Encodes the event straight into a stream, allocating nothing at steady state: the line is rendered
   * into a per-thread buffer and copied to {@code out} in one write. Appenders that own a stream use this
   * instead of {@link #encode(ILoggingEvent)}, which must hand back a new array.
   *
   * @param event the event
   * @param out where the line (newline included) is written
   * @throws IOException from the stream only; encoding itself never throws
   */
  public void encodeTo(ILoggingEvent event, OutputStream out) throws IOException {
    JsonWriter json = render(event);
    try {
      json.writeTo(out);
    } finally {
      release(json);
    }
  }

  private JsonWriter render(ILoggingEvent event) {
    FieldWriter[] fields = writers;
    if (fields == null) {
      fields = compose().toArray(FieldWriter[]::new);
      writers = fields;
    }
    JsonWriter json = buffers.get();
    json.reset();
    json.maxStringLength(maxValueLength);
    try {
      Context context = event instanceof ContextualLoggingEvent contextual
          ? contextual.context().otelContext() : Context.current();
      SpanContext span = Span.fromContext(context).getSpanContext();
      ObservaSettings settings = settings();
      json.beginObject();
      for (FieldWriter field : fields) {
        field.write(json, event, context, span, settings);
      }
      json.endObject();
    } catch (RuntimeException | StackOverflowError e) {
      json.reset();
      writeFallback(json, event, e);
    }
    json.newline();
    return json;
  }

  private void release(JsonWriter json) {
    if (json.capacity() > MAX_RETAINED_BUFFER) {
      buffers.remove(); // one huge event must not pin a huge buffer to the thread
    }
  }

  private ObservaSettings settings() {
    ObservaSettings global = Observa.global().settings();
    if (redactKeys == null) {
      return global;
    }
    // derived once per global settings instance, not once per event
    ObservaSettings[] cached = derivedSettings;
    if (cached[0] != global) {
      cached = new ObservaSettings[] {global, new ObservaSettings(global.serviceName(), global.serviceVersion(),
          global.environment(), global.instanceId(), global.declaredKeys(), redactKeys)};
      derivedSettings = cached;
    }
    return cached[1];
  }

  private void writeFallback(JsonWriter json, ILoggingEvent event, Throwable failure) {
    json.beginObject();
    json.field(names.timestamp(), FieldWriters.timestamp(Instant.now()));
    json.field(names.level(), String.valueOf(event.getLevel()));
    json.field(names.logger(), event.getLoggerName());
    json.field(names.message(), JsonWriter.safeToString(event.getMessage()));
    json.field("encoding_error", failure.getClass().getName());
    json.endObject();
  }
}
