package dev.observa.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.observa.spi.Setting;
import dev.observa.tracing.TracingSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code observa.*}. Checked when the application starts: a value outside its allowed set
 * stops startup with a message naming the property and the allowed values.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(prefix = "observa")
public class ObservaProperties {
  /**
   * {@code service.name}; default OTEL_SERVICE_NAME, then service.name in OTEL_RESOURCE_ATTRIBUTES, then
   * spring.application.name, then unknown_service:java.
   */
  private String serviceName;
  /** {@code deployment.environment.name}, e.g. prod. */
  private String environment;
  private final Redaction redaction = new Redaction();
  private final Tracing tracing = new Tracing();
  private final Baggage baggage = new Baggage();
  private final Tenant tenant = new Tenant();
  private final Metrics metrics = new Metrics();
  private final Logging logging = new Logging();
  private final Annotations annotations = new Annotations();
  private final Http http = new Http();
  private final Slo slo = new Slo();

  /** The one redaction policy of logs, span attributes, exception texts and URLs. */
  public static class Redaction {
    /** Secret key words added to the defaults (password, token, secret, auth, cookie, session, api-key…). */
    private List<String> keys = new ArrayList<>();
    /** Regular expressions whose matches are redacted in messages, exception texts and values. */
    private List<String> patterns = new ArrayList<>();
    /** Whether the default key words apply (the bearer, JWT, card and URL detectors always do). */
    private boolean defaultKeys = true;

    public List<String> getKeys() {
      return keys;
    }

    public void setKeys(List<String> keys) {
      this.keys = keys;
    }

    public List<String> getPatterns() {
      return patterns;
    }

    public void setPatterns(List<String> patterns) {
      this.patterns = patterns;
    }

    public boolean isDefaultKeys() {
      return defaultKeys;
    }

    public void setDefaultKeys(boolean defaultKeys) {
      this.defaultKeys = defaultKeys;
    }

    /**
     * @return the policy these settings describe
     * @throws InvalidObservaPropertyException naming the key or pattern that is invalid
     */
    public dev.observa.redaction.RedactionPolicy toPolicy() {
      dev.observa.redaction.RedactionPolicy.Builder builder = dev.observa.redaction.RedactionPolicy.builder();
      if (!defaultKeys) {
        builder.noDefaultKeys();
      }
      for (String key : keys) {
        try {
          builder.keys(key);
        } catch (IllegalArgumentException e) {
          throw new InvalidObservaPropertyException("observa.redaction.keys", key, "words holding a letter or digit");
        }
      }
      for (String pattern : patterns) {
        try {
          builder.patterns(pattern);
        } catch (IllegalArgumentException e) {
          throw new InvalidObservaPropertyException("observa.redaction.patterns", pattern,
              "regular expressions that compile and do not match empty text");
        }
      }
      return builder.build();
    }
  }

  /**
   * Tracing. Every property is unset by default, so that the matching {@code OTEL_*} variable applies; the
   * names, defaults and allowed values are those of {@code dev.observa.tracing.TracingSettings}.
   */
  public static class Tracing {
    /** Exporters: otlp, console, logging-otlp, zipkin, none. Default OTEL_TRACES_EXPORTER, else none (in memory). */
    private List<String> exporters;
    /** Share of new traces sampled (parent-based), in [0, 1]. Default OTEL_TRACES_SAMPLER/_ARG, else all. */
    private Double samplingRatio;
    /** How far callers' sampled flags are trusted: trust, ratio, rate-limit. Default trust. */
    private String inboundSampling;
    /** The ratio (0 to 1) or the traces per second of inbound-sampling. */
    private Double inboundSamplingArg;
    /** Callers (CIDR blocks or addresses of the connection's peer) whose sampled flag is always honoured. Default none. */
    private List<String> inboundTrustedCallers;
    /** Propagators: tracecontext, baggage, b3, b3multi, jaeger, none. Default OTEL_PROPAGATORS, else tracecontext,baggage. */
    private List<String> propagators;
    /** OTLP traces URL, e.g. http://localhost:4318/v1/traces. Default OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT. */
    private String otlpEndpoint;
    /** OTLP protocol: http/protobuf or grpc (grpc needs a gRPC sender dependency). Default http/protobuf. */
    private String otlpProtocol;
    /** OTLP headers, e.g. X-Scope-OrgID for multi-tenant Tempo; added to OTEL_EXPORTER_OTLP_[TRACES_]HEADERS. */
    private Map<String, String> otlpHeaders = new LinkedHashMap<>();
    /** Zipkin spans URL (needs io.opentelemetry:opentelemetry-exporter-zipkin). */
    private String zipkinEndpoint;
    /** Per-tenant OTLP routes: each tenant's spans to its own endpoint with its own headers. */
    private final Tenants tenants = new Tenants();
    /**
     * Longest string attribute value kept: by Observa's span API always, by the SDK for every span once set.
     * Default OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT, else OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT, else 4096.
     */
    private Integer maxAttributeLength;
    /** Spans buffered per exporter before new ones are dropped. Default OTEL_BSP_MAX_QUEUE_SIZE, else 2048. */
    private Integer queueSize;
    /** How many recent traces to keep in memory. Default 100. */
    private Integer recentTraces;
    /** The memory budget of the recent traces kept in memory, in bytes; default 4 MiB. */
    private Long recentTracesMaxBytes;
    /**
     * The share of traces kept in memory (0 to 1); default 1 without an exporter, 0.01 with one (on Spring Boot's
     * SDK: when Boot's batch processor exports somewhere), then held to about a fifth of recent-traces a second. A
     * ratio set here is kept whatever the rate.
     */
    private Double recentTracesSampleRatio;
    /** True: no span is recorded or exported. Default OTEL_SDK_DISABLED, else false. */
    private Boolean sdkDisabled;

    /**
     * @return the set properties by their {@code observa.tracing.*} names, for {@code OtelTracing.Builder#properties}
     */
    public Map<String, String> asProperties() {
      Map<String, String> map = new LinkedHashMap<>();
      put(map, TracingSettings.EXPORTERS, exporters == null ? null : String.join(",", exporters));
      put(map, TracingSettings.SAMPLING_RATIO, samplingRatio);
      put(map, TracingSettings.INBOUND_SAMPLING, inboundSampling);
      put(map, TracingSettings.INBOUND_SAMPLING_ARG, inboundSamplingArg);
      put(map, TracingSettings.INBOUND_TRUSTED_CALLERS,
          inboundTrustedCallers == null ? null : String.join(",", inboundTrustedCallers));
      put(map, TracingSettings.PROPAGATORS, propagators == null ? null : String.join(",", propagators));
      put(map, TracingSettings.OTLP_ENDPOINT, otlpEndpoint);
      put(map, TracingSettings.OTLP_PROTOCOL, otlpProtocol);
      put(map, TracingSettings.ZIPKIN_ENDPOINT, zipkinEndpoint);
      put(map, TracingSettings.MAX_ATTRIBUTE_LENGTH, maxAttributeLength);
      put(map, TracingSettings.QUEUE_SIZE, queueSize);
      put(map, TracingSettings.RECENT_TRACES, recentTraces);
      put(map, TracingSettings.RECENT_TRACES_MAX_BYTES, recentTracesMaxBytes);
      put(map, TracingSettings.RECENT_TRACES_SAMPLE_RATIO, recentTracesSampleRatio);
      put(map, TracingSettings.SDK_DISABLED, sdkDisabled);
      otlpHeaders.forEach((name, value) -> map.put(TracingSettings.OTLP_HEADERS.property() + "." + name, value));
      tenants.routes.forEach((tenant, route) -> {
        String prefix = "observa.tracing.tenants.routes." + tenant;
        if (route.getEndpoint() != null) {
          map.put(prefix + ".endpoint", route.getEndpoint());
        }
        route.getHeaders().forEach((name, value) -> map.put(prefix + ".headers." + name, value));
      });
      put(map, TracingSettings.TENANT_DEFAULT_ROUTE, tenants.defaultRoute);
      return map;
    }

    public Tenants getTenants() {
      return tenants;
    }

    private static void put(Map<String, String> map, Setting setting, Object value) {
      if (value != null) {
        map.put(setting.property(), String.valueOf(value));
      }
    }

    public List<String> getExporters() {
      return exporters;
    }

    public void setExporters(List<String> exporters) {
      this.exporters = exporters;
    }

    public Double getSamplingRatio() {
      return samplingRatio;
    }

    public void setSamplingRatio(Double samplingRatio) {
      this.samplingRatio = samplingRatio;
    }

    public String getInboundSampling() {
      return inboundSampling;
    }

    public void setInboundSampling(String inboundSampling) {
      this.inboundSampling = inboundSampling;
    }

    public Double getInboundSamplingArg() {
      return inboundSamplingArg;
    }

    public void setInboundSamplingArg(Double inboundSamplingArg) {
      this.inboundSamplingArg = inboundSamplingArg;
    }

    public List<String> getInboundTrustedCallers() {
      return inboundTrustedCallers;
    }

    public void setInboundTrustedCallers(List<String> inboundTrustedCallers) {
      this.inboundTrustedCallers = inboundTrustedCallers;
    }

    public List<String> getPropagators() {
      return propagators;
    }

    public void setPropagators(List<String> propagators) {
      this.propagators = propagators;
    }

    public String getOtlpEndpoint() {
      return otlpEndpoint;
    }

    public void setOtlpEndpoint(String otlpEndpoint) {
      this.otlpEndpoint = otlpEndpoint;
    }

    public String getOtlpProtocol() {
      return otlpProtocol;
    }

    public void setOtlpProtocol(String otlpProtocol) {
      this.otlpProtocol = otlpProtocol;
    }

    public Map<String, String> getOtlpHeaders() {
      return otlpHeaders;
    }

    public void setOtlpHeaders(Map<String, String> otlpHeaders) {
      this.otlpHeaders = otlpHeaders;
    }

    public String getZipkinEndpoint() {
      return zipkinEndpoint;
    }

    public void setZipkinEndpoint(String zipkinEndpoint) {
      this.zipkinEndpoint = zipkinEndpoint;
    }

    public Integer getMaxAttributeLength() {
      return maxAttributeLength;
    }

    public void setMaxAttributeLength(Integer maxAttributeLength) {
      this.maxAttributeLength = maxAttributeLength;
    }

    public Integer getQueueSize() {
      return queueSize;
    }

    public void setQueueSize(Integer queueSize) {
      this.queueSize = queueSize;
    }

    public Integer getRecentTraces() {
      return recentTraces;
    }

    public void setRecentTraces(Integer recentTraces) {
      this.recentTraces = recentTraces;
    }

    public Long getRecentTracesMaxBytes() {
      return recentTracesMaxBytes;
    }

    public void setRecentTracesMaxBytes(Long recentTracesMaxBytes) {
      this.recentTracesMaxBytes = recentTracesMaxBytes;
    }

    public Double getRecentTracesSampleRatio() {
      return recentTracesSampleRatio;
    }

    public void setRecentTracesSampleRatio(Double recentTracesSampleRatio) {
      this.recentTracesSampleRatio = recentTracesSampleRatio;
    }

    public Boolean getSdkDisabled() {
      return sdkDisabled;
    }

    public void setSdkDisabled(Boolean sdkDisabled) {
      this.sdkDisabled = sdkDisabled;
    }

    /** Tenant routing (observa.tracing.tenants.*); the names are those of TracingSettings.TENANT_*. */
    public static class Tenants {
      /** Routes by tenant name. */
      private Map<String, Route> routes = new LinkedHashMap<>();
      /** The route of spans with no tenant or a tenant without a route; required once a route is given. */
      private String defaultRoute;

      public Map<String, Route> getRoutes() {
        return routes;
      }

      public void setRoutes(Map<String, Route> routes) {
        this.routes = routes;
      }

      public String getDefaultRoute() {
        return defaultRoute;
      }

      public void setDefaultRoute(String defaultRoute) {
        this.defaultRoute = defaultRoute;
      }
    }

    /** One tenant's OTLP destination. */
    public static class Route {
      /** OTLP/HTTP traces URL, e.g. http://tempo-acme:4318/v1/traces. */
      private String endpoint;
      /** Request headers, e.g. X-Scope-OrgID or an authorization of the tenant's own. */
      private Map<String, String> headers = new LinkedHashMap<>();

      public String getEndpoint() {
        return endpoint;
      }

      public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
      }

      public Map<String, String> getHeaders() {
        return headers;
      }

      public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
      }
    }
  }

  /** Inbound baggage is untrusted: only allow-listed keys reach logs, spans and downstream services. */
  public static class Baggage {
    /** Keys written to logs and span attributes and propagated downstream. */
    private List<String> allowList = new ArrayList<>();

    public List<String> getAllowList() {
      return allowList;
    }

    public void setAllowList(List<String> allowList) {
      this.allowList = allowList;
    }
  }

  /** Multi-tenancy: where the tenant comes from. */
  public static class Tenant {
    /** Request header carrying the tenant; empty disables. */
    private String header = "X-Scope-OrgID";
    /** Tenants allowed as a metric tag; others are tagged "other". Empty: the tenant is no metric tag. */
    private List<String> metricTagValues = new ArrayList<>();

    public String getHeader() {
      return header;
    }

    public void setHeader(String header) {
      this.header = header;
    }

    public List<String> getMetricTagValues() {
      return metricTagValues;
    }

    public void setMetricTagValues(List<String> metricTagValues) {
      this.metricTagValues = metricTagValues;
    }
  }

  /** Metrics: cardinality budget and latency buckets. */
  public static class Metrics {
    /** Series budget of each metric; past it tag combinations fold into one overflow series. */
    private int maxSeries = 1000;
    /** Latency bucket bounds in seconds per golden-signals operation (e.g. http.server.request), overriding the default. */
    private Map<String, List<Double>> buckets = new LinkedHashMap<>();
    /** Serve /metrics from the starter when Actuator's prometheus endpoint is absent (off: no path is opened). */
    private boolean endpoint;
    /** Answer Actuator's /actuator/prometheus with Observa's exposition streamed from a reused buffer (Boot's copies it into a byte[]). */
    private boolean actuatorStreaming = true;

    public boolean isActuatorStreaming() {
      return actuatorStreaming;
    }

    public void setActuatorStreaming(boolean actuatorStreaming) {
      this.actuatorStreaming = actuatorStreaming;
    }

    public boolean isEndpoint() {
      return endpoint;
    }

    public void setEndpoint(boolean endpoint) {
      this.endpoint = endpoint;
    }

    public int getMaxSeries() {
      return maxSeries;
    }

    public void setMaxSeries(int maxSeries) {
      this.maxSeries = maxSeries;
    }

    public Map<String, List<Double>> getBuckets() {
      return buckets;
    }

    public void setBuckets(Map<String, List<Double>> buckets) {
      this.buckets = buckets;
    }
  }

  /** JSON logs. */
  public static class Logging {
    /** Write console logs as one JSON object per line (the Spring banner is turned off). */
    private boolean json = true;
    /** Field names: otel or ecs. */
    private String preset = "otel";
    /** Hand Spring's console appender to a bounded queue that never blocks the caller (drops are counted). */
    private boolean async = true;
    /** Events the console queue holds before new ones are dropped. */
    private int queueSize = 8192;
    /**
     * Log export besides the console: otlp or none. Without it, {@code otel.logs.exporter} /
     * {@code OTEL_LOGS_EXPORTER} naming otlp turns it on (read when Spring Boot configures logging).
     */
    private String exporter = "none";
    /**
     * OTLP/HTTP logs URL; default {@code OTEL_EXPORTER_OTLP_LOGS_ENDPOINT}, else {@code OTEL_EXPORTER_OTLP_ENDPOINT}
     * + /v1/logs, else http://localhost:4318/v1/logs.
     */
    private String otlpEndpoint;
    /** Headers of OTLP log requests, name=value pairs separated by commas. */
    private String otlpHeaders;

    public String getExporter() {
      return exporter;
    }

    public void setExporter(String exporter) {
      this.exporter = exporter;
    }

    public String getOtlpEndpoint() {
      return otlpEndpoint;
    }

    public void setOtlpEndpoint(String otlpEndpoint) {
      this.otlpEndpoint = otlpEndpoint;
    }

    public String getOtlpHeaders() {
      return otlpHeaders;
    }

    public void setOtlpHeaders(String otlpHeaders) {
      this.otlpHeaders = otlpHeaders;
    }

    public boolean isAsync() {
      return async;
    }

    public void setAsync(boolean async) {
      this.async = async;
    }

    public int getQueueSize() {
      return queueSize;
    }

    public void setQueueSize(int queueSize) {
      this.queueSize = queueSize;
    }

    public boolean isJson() {
      return json;
    }

    public void setJson(boolean json) {
      this.json = json;
    }

    public String getPreset() {
      return preset;
    }

    public void setPreset(String preset) {
      this.preset = preset;
    }
  }

  /** The @Observe aspect. */
  public static class Annotations {
    /** Whether @Observe methods are observed. */
    private boolean enabled = true;
    /**
     * Exception classes (subclasses included) that end every @Observe call as a success, besides each
     * method's own ignoreExceptions: no error status, no error.type, counted as a success.
     */
    private List<Class<? extends Throwable>> ignoredExceptions = new ArrayList<>();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public List<Class<? extends Throwable>> getIgnoredExceptions() {
      return ignoredExceptions;
    }

    public void setIgnoredExceptions(List<Class<? extends Throwable>> ignoredExceptions) {
      this.ignoredExceptions = ignoredExceptions;
    }
  }

  /** HTTP server and client instrumentation. */
  public static class Http {
    /** Handle the HTTP server observations (Spring MVC); false leaves them to Spring Boot's handlers. */
    private boolean server = true;
    /** Handle RestClient and RestTemplate observations; false leaves them to Spring Boot's handlers. */
    private boolean client = true;
    /** Requests to the actuator's base path get no span and no HTTP metric. */
    private boolean excludeActuator = true;
    /** Add a W3C traceresponse header to responses. */
    private boolean traceResponseHeader = true;
    /**
     * HTTP methods reported as they are (case-sensitive, a full override); others are {@code _OTHER}. Default:
     * {@code OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS}, else the semantic conventions' list.
     */
    private List<String> knownMethods = new ArrayList<>();
    /** Add the request's trace id as traceId to ProblemDetail bodies and to Spring Boot's /error JSON. */
    private boolean problemTraceId = true;

    public boolean isProblemTraceId() {
      return problemTraceId;
    }

    public void setProblemTraceId(boolean problemTraceId) {
      this.problemTraceId = problemTraceId;
    }

    public boolean isServer() {
      return server;
    }

    public void setServer(boolean server) {
      this.server = server;
    }

    public boolean isClient() {
      return client;
    }

    public void setClient(boolean client) {
      this.client = client;
    }

    public boolean isExcludeActuator() {
      return excludeActuator;
    }

    public void setExcludeActuator(boolean excludeActuator) {
      this.excludeActuator = excludeActuator;
    }

    public boolean isTraceResponseHeader() {
      return traceResponseHeader;
    }

    public void setTraceResponseHeader(boolean traceResponseHeader) {
      this.traceResponseHeader = traceResponseHeader;
    }

    public List<String> getKnownMethods() {
      return knownMethods;
    }

    public void setKnownMethods(List<String> knownMethods) {
      this.knownMethods = knownMethods;
    }
  }

  /** Service level objectives: rules at /actuator/slo and in-process gauges. */
  public static class Slo {
    /** The objectives. */
    private List<Objective> objectives = new ArrayList<>();
    /** Divide the alert windows by this (for demos and tests); 1 keeps the SRE Workbook's. */
    private int windowsScaledDown = 1;
    /**
     * The value of the service label in Prometheus, as the scrape configuration sets it (job_name or a
     * relabelled service label). Default: the service name (observa.service-name, else spring.application.name).
     */
    private String job;
    /** The Prometheus label the service is selected by: job (every scrape attaches it), or e.g. service. */
    private String serviceLabel = "job";
    /** http_route values the HTTP SLOs leave out (a regular expression); empty keeps every route. */
    private String excludedRoutes = "/actuator.*";

    public String getJob() {
      return job;
    }

    public void setJob(String job) {
      this.job = job;
    }

    public String getServiceLabel() {
      return serviceLabel;
    }

    public void setServiceLabel(String serviceLabel) {
      this.serviceLabel = serviceLabel;
    }

    public String getExcludedRoutes() {
      return excludedRoutes;
    }

    public void setExcludedRoutes(String excludedRoutes) {
      this.excludedRoutes = excludedRoutes;
    }
    /** Grafana data source uids of the dashboards at /actuator/slodashboards. */
    private final Dashboards dashboards = new Dashboards();

    public Dashboards getDashboards() {
      return dashboards;
    }

    public List<Objective> getObjectives() {
      return objectives;
    }

    public void setObjectives(List<Objective> objectives) {
      this.objectives = objectives;
    }

    public int getWindowsScaledDown() {
      return windowsScaledDown;
    }

    public void setWindowsScaledDown(int windowsScaledDown) {
      this.windowsScaledDown = windowsScaledDown;
    }
  }

  /** Grafana data sources the generated SLO dashboards refer to by uid. */
  public static class Dashboards {
    /** Uid of the Prometheus data source every panel queries. */
    private String prometheusUid = "prometheus";
    /** Uid of the Jaeger data source latency exemplars link to. */
    private String jaegerUid = "jaeger";

    public String getPrometheusUid() {
      return prometheusUid;
    }

    public void setPrometheusUid(String prometheusUid) {
      this.prometheusUid = prometheusUid;
    }

    public String getJaegerUid() {
      return jaegerUid;
    }

    public void setJaegerUid(String jaegerUid) {
      this.jaegerUid = jaegerUid;
    }
  }

  /** One SLO, as in the YAML format of {@code SloConfig}. */
  public static class Objective {
    private String name;
    /** Value of the service label for this objective; default observa.slo.job. */
    private String service;
    private String operation;
    /** availability or latency. */
    private String kind;
    private double objective;
    private String window = "30d";
    /** Latency threshold in seconds; must be a bucket boundary. */
    private Double threshold;
    private List<String> groupBy = new ArrayList<>();
    private Map<String, String> labels = new LinkedHashMap<>();
    private Map<String, String> annotations = new LinkedHashMap<>();

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getService() {
      return service;
    }

    public void setService(String service) {
      this.service = service;
    }

    public String getOperation() {
      return operation;
    }

    public void setOperation(String operation) {
      this.operation = operation;
    }

    public String getKind() {
      return kind;
    }

    public void setKind(String kind) {
      this.kind = kind;
    }

    public double getObjective() {
      return objective;
    }

    public void setObjective(double objective) {
      this.objective = objective;
    }

    public String getWindow() {
      return window;
    }

    public void setWindow(String window) {
      this.window = window;
    }

    public Double getThreshold() {
      return threshold;
    }

    public void setThreshold(Double threshold) {
      this.threshold = threshold;
    }

    public List<String> getGroupBy() {
      return groupBy;
    }

    public void setGroupBy(List<String> groupBy) {
      this.groupBy = groupBy;
    }

    public Map<String, String> getLabels() {
      return labels;
    }

    public void setLabels(Map<String, String> labels) {
      this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
      return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
      this.annotations = annotations;
    }
  }

  /**
   * Checks every constrained value.
   *
   * @throws InvalidObservaPropertyException naming the first bad property and its allowed values
   */
  public void validate() {
    redaction.toPolicy();
    if (logging.queueSize < 1) {
      throw new InvalidObservaPropertyException("observa.logging.queue-size", logging.queueSize, "a whole number from 1");
    }
    tracing.asProperties().forEach((property, value) -> {
      if (!property.startsWith(TracingSettings.OTLP_HEADERS.property() + ".")) {
        Setting setting = TracingSettings.byProperty(property);
        try {
          setting.check(property, value);
        } catch (IllegalArgumentException e) {
          throw new InvalidObservaPropertyException(property, value, setting.allowed());
        }
      }
    });
    if (metrics.maxSeries < 1) {
      throw new InvalidObservaPropertyException("observa.metrics.max-series", metrics.maxSeries, "a whole number >= 1");
    }
    if (!"otel".equalsIgnoreCase(logging.preset) && !"ecs".equalsIgnoreCase(logging.preset)) {
      throw new InvalidObservaPropertyException("observa.logging.preset", logging.preset, "otel, ecs");
    }
    if (slo.windowsScaledDown < 1) {
      throw new InvalidObservaPropertyException("observa.slo.windows-scaled-down", slo.windowsScaledDown,
          "a whole number >= 1");
    }
  }

  public String getServiceName() {
    return serviceName;
  }

  public void setServiceName(String serviceName) {
    this.serviceName = serviceName;
  }

  public String getEnvironment() {
    return environment;
  }

  public void setEnvironment(String environment) {
    this.environment = environment;
  }

  public Redaction getRedaction() {
    return redaction;
  }

  public Tracing getTracing() {
    return tracing;
  }

  public Baggage getBaggage() {
    return baggage;
  }

  public Tenant getTenant() {
    return tenant;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Logging getLogging() {
    return logging;
  }

  public Annotations getAnnotations() {
    return annotations;
  }

  public Http getHttp() {
    return http;
  }

  public Slo getSlo() {
    return slo;
  }
}
