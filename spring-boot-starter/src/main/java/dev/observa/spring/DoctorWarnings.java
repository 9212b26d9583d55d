package dev.observa.spring;

import dev.observa.tracing.LogExportCounting;
import dev.observa.tracing.SpanStats;
import dev.observa.tracing.TracingDescription;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * The doctor's checks of what happens at run time, each one sentence naming the numbers and the fix: a dead
 * or failing span exporter or log record exporter (Spring Boot's logs SDK), spans and log events dropped, a metric at its series budget (an unbounded label),
 * meters tagged {@code tenant} without a value list, Spring Boot's own HTTP metrics or tracing beside
 * Observa's, {@code OTEL_*} variables that Spring Boot's OpenTelemetry SDK ignores, and actuator endpoints exposed over HTTP without Spring Security. Reads self-metrics and beans
 * only; never throws.
 */
final class DoctorWarnings {
  /** Endpoints that show what the application does; serving them to anyone leaks it. */
  private static final Set<String> SENSITIVE_ENDPOINTS = Set.of("*", "observa", "traces", "slo", "slodashboards",
      "prometheus", "env", "configprops", "heapdump", "loggers");

  private DoctorWarnings() {}

  static void spans(SpanStats spans, TracingDescription tracing, List<String> warnings) {
    if (spans == null) {
      return;
    }
    List<String> exporters = tracing == null ? List.of() : tracing.exporters();
    String names = exporters.isEmpty() ? "the span exporter" : "Span exporter " + String.join(", ", exporters);
    long exported = spans.exported();
    long failed = spans.exportFailed();
    long dropped = spans.droppedQueueFull();
    String counts = " (" + exported + " exported, " + failed + " failed, " + dropped + " dropped)";
    String endpoint = tracing != null && !tracing.ownsSdk() ? "management.opentelemetry.tracing.export.otlp.endpoint"
        : "observa.tracing.otlp-endpoint";
    exports(names, "spans", exported, failed, counts, endpoint + " / OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", warnings);
    if (dropped > 0) {
      warnings.add(dropped + " spans were dropped because the export queue was full" + counts
          + ": the exporter cannot keep up; raise observa.tracing.queue-size or fix the exporter");
    }
  }

  /**
   * Under Spring Boot's OpenTelemetry SDK, the {@code OTEL_*} variables set that it ignores
   * ({@link BootOtelVariables}); names only.
   */
  static void otelVariables(ApplicationContext context, TracingDescription tracing, Map<String, String> environment,
      List<String> warnings) {
    String bootMapping = "org.springframework.boot.opentelemetry.autoconfigure."
        + "OpenTelemetryEnvironmentVariableEnvironmentPostProcessor";
    if (tracing == null || tracing.ownsSdk() || !ClassUtils.isPresent(bootMapping, context.getClassLoader())) {
      return;
    }
    boolean mapped = context.getEnvironment().getProperty("management.opentelemetry.map-environment-variables",
        Boolean.class, true);
    List<String> ignored = BootOtelVariables.ignored(environment, mapped);
    if (!ignored.isEmpty()) {
      warnings.add("OTEL_* variables that Spring Boot's OpenTelemetry SDK (the application's) ignores: "
          + String.join(", ", ignored) + "; use Boot's management.opentelemetry.* / management.otlp.* properties");
    }
  }

  /** The log records Spring Boot's OpenTelemetry logs SDK exported and failed ({@link LogExportCounting}). */
  static void logExports(LogExportCounting logs, List<String> warnings) {
    if (logs == null) {
      return;
    }
    List<String> exporters = logs.exporters();
    String names = exporters.isEmpty() ? "the log record exporter"
        : "Log record exporter " + String.join(", ", exporters);
    long exported = logs.exported();
    long failed = logs.exportFailed();
    exports(names, "log records", exported, failed, " (" + exported + " exported, " + failed + " failed)",
        "management.opentelemetry.logging.export.otlp.endpoint", warnings);
  }

  /** One rule for every exporter: dead when all its exports failed, failing when some did. */
  private static void exports(String names, String items, long exported, long failed, String counts, String endpoint,
      List<String> warnings) {
    if (failed > 0 && exported == 0) {
      warnings.add(names + " is dead: every export failed" + counts + "; check the endpoint (" + endpoint
          + ") and that the collector runs");
    } else if (failed > 0) {
      warnings.add(names + " is failing: " + percent(failed, failed + exported) + " of exported " + items
          + " were lost" + counts + "; the collector is slow or unreachable at times");
    }
  }

  static void logs(long droppedLogEvents, List<String> warnings) {
    if (droppedLogEvents > 0) {
      warnings.add(droppedLogEvents + " log events were dropped because the console queue was full"
          + " (observa.logging.queue-size): stdout is slower than the application logs");
    }
  }

  static void seriesBudget(Map<String, Integer> seriesByMetric, int budget, List<String> warnings) {
    List<String> full = new ArrayList<>();
    seriesByMetric.forEach((metric, series) -> {
      if (series >= budget && full.size() < 10) {
        full.add(metric + " (" + series + ")");
      }
    });
    if (!full.isEmpty()) {
      warnings.add("Metrics at their series budget of " + budget + ", new label combinations fold into one overflow"
          + " series: " + String.join(", ", full) + "; a label is unbounded (an id, a path, a user): drop it or bound"
          + " its values");
    }
  }

  static void tenantTags(ApplicationContext context, List<String> tenantValues, List<String> warnings) {
    if (!tenantValues.isEmpty()) {
      return;
    }
    Set<String> tagged = new TreeSet<>();
    for (MeterRegistry registry : context.getBeansOfType(MeterRegistry.class).values()) {
      for (Meter meter : registry.getMeters()) {
        if (meter.getId().getTag("tenant") != null && tagged.size() < 10) {
          tagged.add(meter.getId().getName());
        }
      }
    }
    if (!tagged.isEmpty()) {
      warnings.add("Meters tagged tenant without observa.tenant.metric-tag-values: every tenant becomes a series ("
          + String.join(", ", tagged) + "); list the tenants worth a series, others are tagged other");
    }
  }

  static void doubleInstrumentation(ApplicationContext context, Set<String> observaMetrics, List<String> warnings) {
    boolean observaHttp = observaMetrics.stream().anyMatch(name -> name.startsWith("http_server_request_duration"));
    for (MeterRegistry registry : context.getBeansOfType(MeterRegistry.class).values()) {
      if (observaHttp && registry.find("http.server.requests").meter() != null) {
        warnings.add("Spring Boot's http.server.requests is recorded beside Observa's http.server.request.duration:"
            + " every request is measured twice (a meter handler of the application's own records it); remove that"
            + " handler or set observa.http.server=false");
        break;
      }
    }
    // Boot's own tracing handlers are wrapped to defer to Observa (observation.BootHandlersDeferral); a tracing
    // handler that is not wrapped (the application's own) creates a second span for what Observa observes
    String handlerType = "io.micrometer.tracing.handler.TracingObservationHandler";
    String observaHandler = "dev.observa.spring.observation.ObservaObservationHandler";
    ClassLoader loader = context.getClassLoader();
    if (ClassUtils.isPresent(handlerType, loader) && ClassUtils.isPresent(observaHandler, loader)
        && context.getBeanNamesForType(ClassUtils.resolveClassName(observaHandler, loader)).length > 0) {
      Set<String> own = new TreeSet<>();
      context.getBeansOfType(ClassUtils.resolveClassName(handlerType, loader)).forEach((name, bean) -> {
        if (!bean.getClass().getName().startsWith("dev.observa.spring.observation.")) {
          own.add(name);
        }
      });
      if (!own.isEmpty()) {
        warnings.add("Micrometer Tracing handlers that do not defer to Observa (" + String.join(", ", own) + "):"
            + " requests may get two server spans; remove them or let Observa's observation handler trace");
      }
    }
  }

  static void exposure(ApplicationContext context, List<String> warnings) {
    String include = context.getEnvironment().getProperty("management.endpoints.web.exposure.include", "");
    Set<String> exposed = new TreeSet<>();
    for (String id : include.split(",")) {
      String trimmed = id.trim().toLowerCase(Locale.ROOT);
      if (SENSITIVE_ENDPOINTS.contains(trimmed)) {
        exposed.add(trimmed);
      }
    }
    String chain = "org.springframework.security.web.SecurityFilterChain";
    boolean secured = ClassUtils.isPresent(chain, context.getClassLoader())
        && context.getBeanNamesForType(ClassUtils.resolveClassName(chain, context.getClassLoader())).length > 0;
    if (!exposed.isEmpty() && !secured) {
      warnings.add("Actuator endpoints " + String.join(", ", exposed) + " are exposed over HTTP without Spring"
          + " Security: anyone reaching the port reads traces, configuration and metrics; secure them or serve"
          + " them on a separate management.server.port bound to a private address");
    }
  }

  private static String percent(long part, long whole) {
    return whole == 0 ? "0%" : Math.round(100.0 * part / whole) + "%";
  }
}
