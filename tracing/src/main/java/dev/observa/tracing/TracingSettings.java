package dev.observa.tracing;

import dev.observa.spi.Setting;
import dev.observa.tracing.internal.TrustedCallers;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The tracing settings, each with its builder method, {@code observa.*} property and OpenTelemetry name.
 * Names (exporters, propagators, protocol, inbound sampling, sdk-disabled) are read case-insensitively, from the
 * builder, {@code observa.*} and {@code OTEL_*} alike ({@link Setting#caseInsensitive()}).
 * Everything else the OpenTelemetry SDK's autoconfigure reads ({@code OTEL_BSP_*}, {@code OTEL_SPAN_*_LIMIT},
 * {@code OTEL_EXPORTER_OTLP_*} TLS, compression and timeouts, …) works unchanged and can be given on the
 * builder with {@link OtelTracing.Builder#otelProperty}. Observa's defaults that differ from the
 * specification's are listed in README.
 *
 * <pre>{@code
 * TracingSettings.EXPORTERS.property();          // "observa.tracing.exporters"
 * TracingSettings.EXPORTERS.defaultValue();      // "none": spans stay in memory unless an exporter is chosen
 * }</pre>
 *
 * @since 0.1.0
 */
public final class TracingSettings {
  /** Exporter names the builder and {@code observa.*} accept ({@code logging} is the old name of console). */
  public static final Set<String> EXPORTER_NAMES = Set.of("otlp", "console", "logging", "logging-otlp", "zipkin", "none");
  /** Propagator names. */
  public static final Set<String> PROPAGATOR_NAMES = Set.of("tracecontext", "baggage", "b3", "b3multi", "jaeger", "none");

  /** {@code OTEL_TRACES_EXPORTER}; Observa's default {@code none} (the specification's is otlp). */
  public static final Setting EXPORTERS = Setting.of("exporters", "observa.tracing.exporters", "otel.traces.exporter",
      "none", "otlp, console, logging-otlp, zipkin, none (comma-separated)", names(EXPORTER_NAMES)).caseInsensitive();
  /** {@code OTEL_PROPAGATORS}. */
  public static final Setting PROPAGATORS = Setting.of("propagators", "observa.tracing.propagators",
      "otel.propagators", "tracecontext,baggage", "tracecontext, baggage, b3, b3multi, jaeger, none (comma-separated)",
      names(PROPAGATOR_NAMES)).caseInsensitive();
  /** Parent-based trace-id ratio: {@code OTEL_TRACES_SAMPLER=parentbased_traceidratio} + {@code _ARG}. */
  public static final Setting SAMPLING_RATIO = Setting.of("samplingRatio", "observa.tracing.sampling-ratio",
      "otel.traces.sampler.arg", null, "a number from 0 to 1", value -> ratio(value));
  /** Trust of inbound {@code sampled} flags; OTEL spelling: {@code OTEL_TRACES_SAMPLER=observa_inbound_ratio|…}. */
  public static final Setting INBOUND_SAMPLING = Setting.of("inboundSampling", "observa.tracing.inbound-sampling",
      null, "trust", "trust, ratio, rate-limit", value -> Set.of("trust", "ratio", "rate-limit").contains(value)).caseInsensitive();
  /** The ratio (0 to 1) or the traces per second of {@link #INBOUND_SAMPLING}. */
  public static final Setting INBOUND_SAMPLING_ARG = Setting.of("inboundSampling", "observa.tracing.inbound-sampling-arg",
      null, null, "a ratio from 0 to 1, or traces per second > 0", value -> number(value) >= 0);
  /**
   * Callers whose {@code sampled} flag is honoured whatever {@link #INBOUND_SAMPLING} says: CIDR blocks or
   * addresses of the connection's peer (never a forwarded header). Default none: behind a sidecar or a local
   * reverse proxy every request arrives from loopback, so trusting loopback by default would trust everyone.
   * OpenTelemetry has no such setting.
   */
  public static final Setting INBOUND_TRUSTED_CALLERS = Setting.of("inboundTrustedCallers",
      "observa.tracing.inbound-trusted-callers", null, null,
      "IP addresses or CIDR blocks such as 10.0.0.0/8, fd00::/8 (comma-separated)", TracingSettings::cidrs);
  /** {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}. */
  public static final Setting OTLP_ENDPOINT = Setting.of("otlpEndpoint", "observa.tracing.otlp-endpoint",
      "otel.exporter.otlp.traces.endpoint", null, "an http:// or https:// URL",
      value -> value.startsWith("http://") || value.startsWith("https://"));
  /**
   * {@code OTEL_EXPORTER_OTLP_TRACES_PROTOCOL} (or {@code OTEL_EXPORTER_OTLP_PROTOCOL}); default http/protobuf as
   * the specification says (the SDK's autoconfigure alone defaults to grpc); grpc needs a gRPC sender.
   */
  public static final Setting OTLP_PROTOCOL = Setting.of("otlpProtocol", "observa.tracing.otlp-protocol",
      "otel.exporter.otlp.traces.protocol", "http/protobuf", "http/protobuf, grpc",
      value -> value.equals("http/protobuf") || value.equals("grpc")).caseInsensitive();
  /** {@code OTEL_EXPORTER_OTLP_TRACES_HEADERS}, added to {@code OTEL_EXPORTER_OTLP_HEADERS}. */
  public static final Setting OTLP_HEADERS = Setting.of("otlpHeader", "observa.tracing.otlp-headers",
      "otel.exporter.otlp.traces.headers", null, "name=value pairs", value -> true);
  /** {@code OTEL_EXPORTER_ZIPKIN_ENDPOINT}; zipkin needs {@code opentelemetry-exporter-zipkin}. */
  public static final Setting ZIPKIN_ENDPOINT = Setting.of("zipkinEndpoint", "observa.tracing.zipkin-endpoint",
      "otel.exporter.zipkin.endpoint", null, "an http:// or https:// URL",
      value -> value.startsWith("http://") || value.startsWith("https://"));
  /**
   * One tenant's own OTLP/HTTP traces URL ({@link TenantRoutingSpanExporter}): spans recorded under that tenant
   * go there. {@code <tenant>} is the tenant's name (no dots in this spelling). OpenTelemetry has no such setting.
   */
  public static final Setting TENANT_ENDPOINT = Setting.of("tenantRoute",
      "observa.tracing.tenants.routes.<tenant>.endpoint", null, null, "an http:// or https:// URL",
      value -> value.startsWith("http://") || value.startsWith("https://"));
  /** A request header of one tenant's route, e.g. {@code X-Scope-OrgID} or its own authorization. */
  public static final Setting TENANT_HEADERS = Setting.of("tenantRoute",
      "observa.tracing.tenants.routes.<tenant>.headers.<name>", null, null, "header values", value -> true);
  /** The route of spans with no tenant or a tenant without a route; required once a route is given. */
  public static final Setting TENANT_DEFAULT_ROUTE = Setting.of("defaultTenantRoute",
      "observa.tracing.tenants.default-route", null, null, "a tenant named under observa.tracing.tenants.routes",
      value -> value.chars().allMatch(c -> c > 0x20 && c < 0x7f));
  /**
   * {@code OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT}; Observa's default 4096 (the specification's: unlimited), applied by
   * Observa's span API and to log records; when given, the SDK also applies it to every span.
   */
  public static final Setting MAX_ATTRIBUTE_LENGTH = Setting.of("maxAttributeLength",
      "observa.tracing.max-attribute-length", "otel.attribute.value.length.limit", "4096", "a whole number >= 1",
      value -> whole(value) >= 1);
  /** {@code OTEL_BSP_MAX_QUEUE_SIZE}. */
  public static final Setting QUEUE_SIZE = Setting.of("queueSize", "observa.tracing.queue-size",
      "otel.bsp.max.queue.size", null, "a whole number >= 1", value -> whole(value) >= 1);
  /** Traces kept in memory ({@code RecentTraces}); Observa only. */
  public static final Setting RECENT_TRACES = Setting.of("recentTraces", "observa.tracing.recent-traces", null,
      "100", "a whole number >= 1", value -> whole(value) >= 1);
  /** The memory budget of {@code RecentTraces} in bytes; Observa only. */
  public static final Setting RECENT_TRACES_MAX_BYTES = Setting.of("recentTracesMaxBytes",
      "observa.tracing.recent-traces-max-bytes", null, Long.toString(RecentTraces.DEFAULT_MAX_BYTES),
      "a whole number >= 65536", value -> whole(value) >= 64 * 1024);
  /**
   * The share of traces {@code RecentTraces} keeps, chosen by trace id so a trace is kept whole or not at all;
   * Observa only. Default: 1 (every trace) while no exporter is configured, where the store is the only place
   * spans go; {@value RecentTraces#EXPORTING_SAMPLE_RATIO} once an exporter is, taken from the spans one exporter
   * is given on its batch worker ({@link RecentTraces#keepExported}), so a production request pays nothing for it.
   */
  public static final Setting RECENT_TRACES_SAMPLE_RATIO = Setting.of("recentTracesSampleRatio",
      "observa.tracing.recent-traces-sample-ratio", null, null, "a number from 0 to 1", value -> ratio(value));
  /** {@code OTEL_SDK_DISABLED}: no span is recorded or exported; context still passes through. */
  public static final Setting SDK_DISABLED = Setting.of("sdkDisabled", "observa.tracing.sdk-disabled",
      "otel.sdk.disabled", null, "true, false", value -> value.equals("true") || value.equals("false")).caseInsensitive();
  /** {@code OTEL_METRICS_EXPORTER} of the tracing SDK; Observa's default {@code none} (metrics go to Prometheus). */
  public static final Setting SDK_METRICS_EXPORTER = Setting.of(null, "(none)", "otel.metrics.exporter", "none",
      "an OpenTelemetry metric exporter name", value -> true);
  /** {@code OTEL_LOGS_EXPORTER} of the tracing SDK; Observa's default {@code none} (logs go through Logback). */
  public static final Setting SDK_LOGS_EXPORTER = Setting.of(null, "(none)", "otel.logs.exporter", "none",
      "an OpenTelemetry log exporter name", value -> true);

  /** Every tracing setting, in README order. */
  public static final List<Setting> ALL = List.of(EXPORTERS, PROPAGATORS, SAMPLING_RATIO, INBOUND_SAMPLING,
      INBOUND_SAMPLING_ARG, INBOUND_TRUSTED_CALLERS, OTLP_ENDPOINT, OTLP_PROTOCOL, OTLP_HEADERS, ZIPKIN_ENDPOINT,
      TENANT_ENDPOINT, TENANT_HEADERS, TENANT_DEFAULT_ROUTE, MAX_ATTRIBUTE_LENGTH,
      QUEUE_SIZE, RECENT_TRACES, RECENT_TRACES_MAX_BYTES, RECENT_TRACES_SAMPLE_RATIO, SDK_DISABLED,
      SDK_METRICS_EXPORTER, SDK_LOGS_EXPORTER);

  private TracingSettings() {}

  /**
   * @param property an {@code observa.*} property name; a templated one ({@code <tenant>}, {@code <name>})
   *     matches with any one name segment in place of the template
   * @return its setting
   * @throws IllegalArgumentException for a name no tracing setting has
   */
  public static Setting byProperty(String property) {
    for (Setting setting : ALL) {
      if (setting.property().equals(property) || (setting.property().contains("<")
          && property.matches(Pattern.quote(setting.property()).replaceAll("<[a-z]+>", "\\\\E[^.]+\\\\Q")))) {
        return setting;
      }
    }
    throw new IllegalArgumentException("Property " + property + " is not a tracing setting: use one of " + ALL);
  }

  private static Predicate<String> names(Set<String> allowed) {
    return value -> {
      for (String name : value.split(",")) {
        if (!allowed.contains(name.trim())) {
          return false;
        }
      }
      return true;
    };
  }

  private static boolean cidrs(String value) {
    try {
      TrustedCallers.parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean ratio(String value) {
    double ratio = number(value);
    return ratio >= 0 && ratio <= 1;
  }

  private static double number(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static long whole(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }
}
