package dev.observa.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.observa.Observa;
import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.ObservaContext;
import dev.observa.logging.internal.BoundedThrowables;
import dev.observa.logging.internal.CorrelatedMdc;
import dev.observa.context.Route;
import dev.observa.logging.internal.JsonWriter;
import dev.observa.logging.internal.StackTraces;
import dev.observa.redaction.RedactionPolicy;
import dev.observa.spi.ObservaSettings;
import io.opentelemetry.context.Context;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporterBuilder;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.event.KeyValuePair;

/**
 * Exports log events over OTLP/HTTP (protobuf) through the OpenTelemetry SDK. Each record keeps its
 * trace context (trace id, span id, flags), so backends link it to its trace; key-values, declared
 * baggage and the tenant become attributes (a map, list or array as a JSON string). The global redaction policy
 * applies as in JSON lines: secret keys, secrets in the body, in string values (inside maps and lists too) and in
 * exception texts. Off unless configured: add the
 * appender and the optional {@code opentelemetry-sdk-logs}, {@code opentelemetry-exporter-otlp} and
 * {@code opentelemetry-exporter-sender-jdk} dependencies.
 *
 * <pre>{@code
 * <appender name="OTLP" class="dev.observa.logging.OtlpLogAppender">
 *   <endpoint>http://localhost:4318/v1/logs</endpoint>
 *   <headers>X-Scope-OrgID=acme</headers>
 * </appender>
 * }</pre>
 *
 * <p>Records go through a bounded {@link BatchLogRecordProcessor}: a slow or dead collector never blocks
 * the logging thread; records beyond the queue are dropped by the SDK.
 *
 * @since 0.1.0
 */
public class OtlpLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  private String endpoint = "http://localhost:4318/v1/logs";
  private String headers = "";
  private String serviceName;
  private int queueSize = 2048;
  private SdkLoggerProvider provider;

  /** @param endpoint the OTLP/HTTP logs URL; default {@code http://localhost:4318/v1/logs} */
  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  /** @param headers comma-separated {@code name=value} pairs, e.g. {@code X-Scope-OrgID=acme} */
  public void setHeaders(String headers) {
    this.headers = headers == null ? "" : headers;
  }

  /** @param serviceName {@code service.name} of the resource; default the global Observa's */
  public void setServiceName(String serviceName) {
    this.serviceName = serviceName;
  }

  /** @param queueSize records buffered before new ones are dropped; default 2048 */
  public void setQueueSize(int queueSize) {
    this.queueSize = Math.max(1, queueSize);
  }

  @Override
  public void start() {
    try {
      OtlpHttpLogRecordExporterBuilder exporter = OtlpHttpLogRecordExporter.builder()
          .setEndpoint(endpoint).setTimeout(Duration.ofSeconds(10));
      for (String pair : headers.split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          exporter.addHeader(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
      }
      String service = serviceName != null ? serviceName : Observa.global().settings().serviceName();
      provider = SdkLoggerProvider.builder()
          .setResource(Resource.getDefault().merge(
              Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service))))
          .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter.build())
              .setMaxQueueSize(queueSize).setMaxExportBatchSize(Math.min(512, queueSize))
              .setScheduleDelay(Duration.ofMillis(500)).build())
          .build();
      super.start();
    } catch (RuntimeException | LinkageError e) {
      addError("OTLP log export is off: " + e, e);
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    try {
      ObservaContext context = event instanceof ContextualLoggingEvent contextual
          ? contextual.context() : ObservaContext.current();
      ObservaSettings settings = Observa.global().settings();
      RedactionPolicy policy = settings.redaction();
      Instant instant = event.getInstant() != null ? event.getInstant() : Instant.ofEpochMilli(event.getTimeStamp());
      LogRecordBuilder record = provider.get(event.getLoggerName()).logRecordBuilder()
          .setTimestamp(instant)
          .setContext(CorrelatedMdc.withRequestSpan(context.otelContext()))
          .setSeverity(severity(event.getLevel()))
          .setSeverityText(event.getLevel().toString())
          .setBody(event.getFormattedMessage() == null ? "" : policy.text(event.getFormattedMessage()))
          .setAttribute(AttributeKey.stringKey("thread.name"), event.getThreadName());
      contextAttributes(record, context.otelContext(), settings);
      keyValues(record, event.getKeyValuePairs(), settings);
      IThrowableProxy error = event.getThrowableProxy();
      if (error != null) {
        record.setAttribute(AttributeKey.stringKey("exception.type"), StackTraces.className(error));
        if (error.getMessage() != null) {
          record.setAttribute(AttributeKey.stringKey("exception.message"), policy.text(error.getMessage()));
        }
        record.setAttribute(AttributeKey.stringKey("exception.stacktrace"), StackTraces.render(error, 64, policy));
      }
      record.emit();
    } catch (Throwable e) {
      JsonWriter.rethrowIfFatal(e);
      addError("Could not export a log record over OTLP: " + e.getClass().getName());
    }
  }

  private static void contextAttributes(LogRecordBuilder record, Context context, ObservaSettings settings) {
    DeclaredKeys keys = settings.declaredKeys();
    String tenant = settings.contextValue(context, keys.tenant(), Route.LOG);
    if (tenant != null) {
      record.setAttribute(AttributeKey.stringKey(DeclaredKeys.TENANT), tenant);
    }
    for (DeclaredKey key : keys.baggageKeys()) {
      String value = settings.contextValue(context, key, Route.LOG);
      if (value != null) {
        record.setAttribute(AttributeKey.stringKey("baggage." + key.name()), value);
      }
    }
  }

  private static void keyValues(LogRecordBuilder record, List<KeyValuePair> pairs, ObservaSettings settings) {
    if (pairs == null) {
      return;
    }
    for (KeyValuePair pair : pairs) {
      if (pair.key == null) {
        continue;
      }
      Object value = pair.value;
      if (settings.isRedacted(pair.key)) {
        record.setAttribute(AttributeKey.stringKey(pair.key), RedactionPolicy.REDACTED);
      } else if (value instanceof Long || value instanceof Integer) {
        record.setAttribute(AttributeKey.longKey(pair.key), ((Number) value).longValue());
      } else if (value instanceof Double || value instanceof Float) {
        record.setAttribute(AttributeKey.doubleKey(pair.key), ((Number) value).doubleValue());
      } else if (value instanceof Boolean b) {
        record.setAttribute(AttributeKey.booleanKey(pair.key), b);
      } else if (value instanceof Throwable error) {
        record.setAttribute(AttributeKey.stringKey(pair.key),
            StackTraces.render(BoundedThrowables.proxy(error), 64, settings.redaction()));
      } else if (value instanceof Map<?, ?> || value instanceof Collection<?> || value instanceof Object[]) {
        // as JSON, redacted as JSON lines write it: its toString() hid a secret key's list from the key rule
        record.setAttribute(AttributeKey.stringKey(pair.key), JsonWriter.redactedJson(value, settings.redaction()));
      } else if (value != null) {
        record.setAttribute(AttributeKey.stringKey(pair.key), settings.redaction().text(JsonWriter.safeToString(value)));
      }
    }
  }

  private static Severity severity(Level level) {
    return switch (level.toInt()) {
      case Level.ERROR_INT -> Severity.ERROR;
      case Level.WARN_INT -> Severity.WARN;
      case Level.INFO_INT -> Severity.INFO;
      case Level.DEBUG_INT -> Severity.DEBUG;
      default -> Severity.TRACE;
    };
  }

  @Override
  public void stop() {
    if (provider != null) {
      provider.shutdown().join(5, TimeUnit.SECONDS);
    }
    super.stop();
  }
}
