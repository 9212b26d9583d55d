package dev.observa.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.observa.Observa;
import dev.observa.logging.internal.CorrelatedMdc;
import dev.observa.logging.internal.FieldWriter;
import dev.observa.logging.internal.FieldWriters;
import dev.observa.logging.internal.FieldWriters.ErrorNames;
import dev.observa.logging.internal.JsonWriter;
import dev.observa.logging.internal.LineRules;
import dev.observa.logging.internal.MemberKeys;
import dev.observa.redaction.RedactionPolicy;
import dev.observa.spi.ObservaSettings;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Logback encoder writing exactly one JSON object per line, carrying the shared context: trace id,
 * span id, trace flags, the tenant and the baggage entries declared with {@code Route.LOG}, plus the
 * event's key-values (typed, top level), MDC, markers and the exception.
 *
 * <pre>{@code
 * <appender name="JSON" class="ch.qos.logback.core.ConsoleAppender">
 *   <encoder class="dev.observa.logging.JsonLinesEncoder">
 *     <preset>ecs</preset>                          <!-- or otel, the default -->
 *     <redactionKeys>cvv,iban</redactionKeys>       <!-- added to the global policy -->
 *     <redactionPattern>order-secret-[0-9]+</redactionPattern>
 *   </encoder>
 * </appender>
 * }</pre>
 *
 * <p>Field names come from a {@link FieldNames} preset (see it for an example line of each). Routing,
 * the redaction policy and the service name come from {@link Observa#global()} unless set here; this
 * encoder can only add to the policy. Secrets are redacted in messages, exception texts, MDC and key-value
 * values (see {@code RedactionPolicy}). A key-value or MDC key that would repeat or shadow a name this
 * encoder writes itself (for the preset: timestamp, level, body, ids, service…) is written with a leading
 * {@code _} ({@code _trace_id}); keys are cut at {@code maxKeyLength} (default 128) and values at
 * {@code maxValueLength} (default 32768). The context is the
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
  private final List<String> extraKeys = new ArrayList<>();
  private final List<String> extraPatterns = new ArrayList<>();
  private FieldNames names = FieldNames.OTEL;
  private String serviceName;
  private int maxValueLength = 32 * 1024;
  private int maxKeyLength = 128;
  private int maxStackTraceDepth = 64;
  private boolean includeMdc = true;
  private FieldWriter[] writers;
  private volatile Object[] rules = {null, null};

  /** @param preset {@code otel} (default) or {@code ecs} */
  public void setPreset(String preset) {
    this.names = FieldNames.preset(preset);
    this.rules = new Object[] {null, null};
  }

  /** @param names explicit field names, for a custom layout */
  public void setFieldNames(FieldNames names) {
    this.names = names;
    this.rules = new Object[] {null, null};
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

  /** @param maxKeyLength longest key-value or MDC key written in full; longer ones are cut. Default 128 */
  public void setMaxKeyLength(int maxKeyLength) {
    this.maxKeyLength = Math.max(8, maxKeyLength);
    this.rules = new Object[] {null, null};
  }

  /**
   * Adds secret key words to the global redaction policy, for this encoder.
   *
   * @param keys comma-separated words or keys, matched by their parts in any case
   * @throws IllegalArgumentException naming a key without a letter or digit
   */
  public void setRedactionKeys(String keys) {
    for (String key : keys.split(",")) {
      if (!key.isBlank()) {
        RedactionPolicy.builder().keys(key.trim()); // validates now, at configuration time
        extraKeys.add(key.trim());
      }
    }
    this.rules = new Object[] {null, null};
  }

  /**
   * Adds a regular expression whose matches in messages, exception texts and values are replaced by
   * {@code [REDACTED]}; may be given several times.
   *
   * @param regex the expression
   * @throws IllegalArgumentException naming an expression that does not compile or matches empty text
   */
  public void addRedactionPattern(String regex) {
    RedactionPolicy.builder().patterns(regex); // validates now, at configuration time
    extraPatterns.add(regex);
    this.rules = new Object[] {null, null};
  }

  /** @param regex see {@link #addRedactionPattern} */
  public void setRedactionPattern(String regex) {
    addRedactionPattern(regex);
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
    list.add(FieldWriters.message(names.message()));
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
      SpanContext span = CorrelatedMdc.span(context);
      LineRules lineRules = rules();
      json.beginObject();
      for (FieldWriter field : fields) {
        field.write(json, event, context, span, lineRules);
      }
      json.endObject();
    } catch (Throwable e) {
      JsonWriter.rethrowIfFatal(e);
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

  /** The rules of the global settings, derived once per settings instance, not once per event. */
  private LineRules rules() {
    ObservaSettings global = Observa.global().settings();
    Object[] cached = rules;
    if (cached[0] != global) {
      RedactionPolicy policy = global.redaction();
      if (!extraKeys.isEmpty() || !extraPatterns.isEmpty()) {
        policy = policy.toBuilder().keys(extraKeys.toArray(String[]::new))
            .patterns(extraPatterns.toArray(String[]::new)).build();
      }
      cached = new Object[] {global, new LineRules(global, policy, new MemberKeys(policy, ownNames(), maxKeyLength))};
      rules = cached;
    }
    return (LineRules) cached[1];
  }

  /** @return every name this encoder writes itself, for the preset in use */
  private Set<String> ownNames() {
    Set<String> own = new HashSet<>();
    for (String name : new String[] {names.timestamp(), names.level(), names.message(), names.logger(),
        names.thread(), names.service(), names.schemaVersion(), names.traceId(), names.spanId(), names.traceFlags(),
        names.tenant(), names.baggage(), names.markers(), names.errorType(), names.errorMessage(),
        names.errorStackTrace(), "encoding_error"}) {
      if (name != null) {
        own.add(name);
      }
    }
    return own;
  }

  private void writeFallback(JsonWriter json, ILoggingEvent event, Throwable failure) {
    json.beginObject();
    json.field(names.timestamp(), FieldWriters.timestamp(Instant.now()));
    json.field(names.level(), String.valueOf(event.getLevel()));
    json.field(names.logger(), event.getLoggerName());
    json.field(names.message(), Observa.global().settings().redaction().text(JsonWriter.safeToString(event.getMessage())));
    json.field("encoding_error", failure.getClass().getName());
    json.endObject();
  }
}
