package dev.observa.spring;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import dev.observa.Observa;
import dev.observa.context.DeclaredKey;
import dev.observa.tracing.LogExportCounting;
import dev.observa.logging.ObservaAsyncAppender;
import dev.observa.metrics.PrometheusMetrics;
import dev.observa.tracing.RecentTraces;
import dev.observa.tracing.SpanStats;
import dev.observa.tracing.TracingDescription;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.context.ApplicationContext;

/**
 * {@code GET /actuator/observa}, the doctor: what is wired (service, exporters, propagators, sampler,
 * declared context keys and where they go), each metric's series count against its budget, spans and log
 * events dropped, the recent-trace store against its memory budget, and warnings for known misconfigurations
 * (a second OpenTelemetry SDK or meter registry, sampling too low for exemplars, Micrometer histograms without
 * buckets) and for what goes wrong at run time ({@link DoctorWarnings}: a dead or failing span or log exporter, dropped
 * spans and log events, an unbounded label, tenant tags without a value list, Spring Boot's instrumentation
 * beside Observa's, {@code OTEL_*} variables that Spring Boot's SDK ignores, endpoints exposed without security). Bounded: at most 500 metrics and 10 meter names are listed. Not exposed over HTTP unless the
 * application exposes it ({@code management.endpoints.web.exposure.include=observa}).
 *
 * @since 0.1.0
 */
@Endpoint(id = "observa")
public class ObservaDoctorEndpoint {
  private static final int MAX_LISTED_METRICS = 500;
  private final Observa observa;
  private final ObservaProperties properties;
  private final ApplicationContext context;

  /**
   * @param observa the facade
   * @param properties the settings
   * @param context where other registries and SDKs are looked for
   */
  public ObservaDoctorEndpoint(Observa observa, ObservaProperties properties, ApplicationContext context) {
    this.observa = observa;
    this.properties = properties;
    this.context = context;
  }

  /** @return the report */
  @ReadOperation
  public Map<String, Object> report() {
    Map<String, Object> report = new LinkedHashMap<>();
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("name", observa.settings().serviceName());
    service.put("environment", observa.settings().environment()); // JSON null when unset, never "null"
    report.put("service", service);
    TracingDescription tracing = observa.unwrap(TracingDescription.class);
    if (tracing != null) {
      report.put("tracing", Map.of("exporters", tracing.exporters(), "propagators", tracing.propagators(),
          "sampler", tracing.sampler(), "ownsSdk", tracing.ownsSdk()));
    }
    List<Map<String, Object>> keys = new ArrayList<>();
    for (DeclaredKey key : observa.settings().declaredKeys().all()) {
      keys.add(Map.of("name", key.name(), "routes", key.routes().stream().map(Enum::name).toList(),
          "metricTagValues", List.copyOf(key.metricTagValues())));
    }
    report.put("declaredKeys", keys);
    PrometheusMetrics metrics = observa.unwrap(PrometheusMetrics.class);
    if (metrics != null) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("seriesBudget", properties.getMetrics().getMaxSeries());
      Map<String, Integer> series = metrics.seriesCounts();
      view.put("metricCount", series.size());
      view.put("seriesByMetric", first(series, MAX_LISTED_METRICS));
      view.put("dropped", metrics.dropSummary());
      report.put("metrics", view);
    }
    SpanStats spans = observa.unwrap(SpanStats.class);
    if (spans != null) {
      report.put("spans", Map.of("started", spans.started(), "ended", spans.ended(), "exported", spans.exported(),
          "droppedQueueFull", spans.droppedQueueFull(), "exportFailed", spans.exportFailed()));
    }
    RecentTraces recent = observa.unwrap(RecentTraces.class);
    if (recent != null) {
      // which traces /actuator/traces can show: from ended spans or from exports, and the share kept now
      report.put("recentTraces", Map.of("retainedBytes", recent.retainedBytes(), "maxBytes", recent.maxBytes(),
          "traces", recent.traceIds().size(), "dropped", recent.dropSummary(),
          "fedBy", recent.isEndRequired() ? "ended spans" : "exports", "sampleRatio", recent.currentSampleRatio()));
    }
    Map<String, Object> logs = new LinkedHashMap<>();
    logs.put("droppedEvents", droppedLogEvents());
    LogExportCounting logExports = logExportCounting();
    if (logExports != null) {
      logs.put("exporters", logExports.exporters());
      logs.put("exported", logExports.exported());
      logs.put("exportFailed", logExports.exportFailed());
    }
    report.put("logs", logs);
    report.put("warnings", warnings());
    return report;
  }

  /** The first {@code max} entries in name order: the report stays bounded however many metrics exist. */
  private static Map<String, Integer> first(Map<String, Integer> all, int max) {
    Map<String, Integer> listed = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> entry : all.entrySet()) {
      if (listed.size() == max) {
        break;
      }
      listed.put(entry.getKey(), entry.getValue());
    }
    return listed;
  }

  /** @return the counts of Spring Boot's logs SDK exporters ({@link ObservaBootLogExportAutoConfiguration}), or null */
  private LogExportCounting logExportCounting() {
    return context.getBeanProvider(LogExportCounting.class).getIfUnique();
  }

  private static long droppedLogEvents() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
      return 0;
    }
    long dropped = 0;
    for (ch.qos.logback.classic.Logger logger : logback.getLoggerList()) {
      Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = logger.iteratorForAppenders();
      while (it.hasNext()) {
        if (it.next() instanceof ObservaAsyncAppender async) {
          dropped += async.droppedEvents();
        }
      }
    }
    return dropped;
  }

  List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    String[] sdks = context.getBeanNamesForType(OpenTelemetry.class);
    if (sdks.length > 1) {
      warnings.add("More than one OpenTelemetry bean (" + String.join(", ", sdks) + "): spans may go to two SDKs");
    }
    TracingDescription tracing = observa.unwrap(TracingDescription.class);
    if (sdks.length == 1 && tracing != null && tracing.ownsSdk()) {
      warnings.add("An OpenTelemetry bean exists besides Observa's own SDK: define Observa's TracingProvider bean"
          + " with OtelTracing.using(openTelemetry)");
    }
    List<String> registries = new ArrayList<>();
    for (Map.Entry<String, MeterRegistry> entry : context.getBeansOfType(MeterRegistry.class).entrySet()) {
      if (!(entry.getValue() instanceof CompositeMeterRegistry)) {
        registries.add(entry.getKey());
      }
    }
    if (registries.size() > 1) {
      warnings.add("More than one meter registry (" + String.join(", ", registries) + "): meters may be recorded twice");
    }
    Double ratio = properties.getTracing().getSamplingRatio();
    if (tracing != null && tracing.ownsSdk() && ratio != null && ratio < 0.1) {
      warnings.add("Sampling ratio " + ratio + " is below 0.1: most requests carry no sampled span, so few buckets"
          + " get exemplars");
    }
    List<String> noBuckets = new ArrayList<>();
    for (MeterRegistry registry : context.getBeansOfType(MeterRegistry.class).values()) {
      for (Meter meter : registry.getMeters()) {
        boolean histogram = meter instanceof Timer timer ? timer.takeSnapshot().histogramCounts().length > 0
            : !(meter instanceof DistributionSummary summary) || summary.takeSnapshot().histogramCounts().length > 0;
        if (!histogram && noBuckets.size() < 10 && !noBuckets.contains(meter.getId().getName())) {
          noBuckets.add(meter.getId().getName());
        }
      }
    }
    if (!noBuckets.isEmpty()) {
      warnings.add("Micrometer timers/summaries without histogram buckets (no bucket exemplars, no le=\"…\" SLOs): "
          + String.join(", ", noBuckets));
    }
    try {
      DoctorWarnings.spans(observa.unwrap(SpanStats.class), tracing, warnings);
      DoctorWarnings.otelVariables(context, tracing, System.getenv(), warnings);
      DoctorWarnings.logs(droppedLogEvents(), warnings);
      DoctorWarnings.logExports(logExportCounting(), warnings);
      PrometheusMetrics metrics = observa.unwrap(PrometheusMetrics.class);
      Map<String, Integer> series = metrics == null ? Map.of() : metrics.seriesCounts();
      DoctorWarnings.seriesBudget(series, properties.getMetrics().getMaxSeries(), warnings);
      DoctorWarnings.tenantTags(context, properties.getTenant().getMetricTagValues(), warnings);
      DoctorWarnings.doubleInstrumentation(context, series.keySet(), warnings);
      DoctorWarnings.exposure(context, warnings);
    } catch (RuntimeException | LinkageError e) {
      warnings.add("Some checks could not run: " + e);
    }
    return warnings;
  }
}
