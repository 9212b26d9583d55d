package dev.observa.metrics.slo;

import dev.observa.meter.Buckets;
import dev.observa.spi.MeterNameRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One service level objective over an operation's golden signals, or over the HTTP duration histograms of
 * OpenTelemetry's semantic conventions (operation {@code http.server.request} or {@code http.client.request}:
 * errors are the requests with an {@code error.type}).
 *
 * <pre>{@code
 * Slo availability = Slo.builder("checkout-availability").service("checkout").operation("checkout")
 *     .availability().objective(99.9).window("30d").label("team", "payments")
 *     .annotation("runbook_url", "https://runbooks/checkout").build();
 * Slo latency = Slo.builder("checkout-latency").service("checkout").operation("checkout")
 *     .latency(0.1).objective(99).window("30d").build();   // 99% of requests within 100 ms
 * }</pre>
 *
 * <p>The service's series are selected by the label Prometheus attaches: {@code job} by default (the scrape
 * configuration's {@code job_name}), or another label such as {@code service} or {@code service_name}
 * ({@link Builder#serviceLabel}). The HTTP operations leave out the routes of {@link #DEFAULT_EXCLUDED_ROUTES}
 * (Spring Boot's actuator: health probes and scrapes are no user traffic) unless {@link Builder#excludedRoutes}
 * says otherwise.
 *
 * <p>Every setter validates its value and throws {@link IllegalArgumentException} naming the field.
 * Immutable once built.
 *
 * @since 0.1.0
 */
public final class Slo {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,62}");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  /** The label that selects a service's series unless told otherwise: the one every Prometheus scrape attaches. */
  public static final String DEFAULT_SERVICE_LABEL = "job";
  /** The {@code http_route} values HTTP SLOs leave out by default: Spring Boot's actuator endpoints. */
  public static final String DEFAULT_EXCLUDED_ROUTES = "/actuator.*";
  /** Operations measured by one duration histogram with an {@code error_type} label instead of golden signals. */
  static final java.util.Set<String> HTTP_CONVENTION_OPERATIONS = java.util.Set.of("http.server.request", "http.client.request");

  private final String name;
  private final String service;
  private final String serviceLabel;
  private final String excludedRoutes;
  private final String operation;
  private final SloKind kind;
  private final double objective;
  private final Duration window;
  private final double threshold;
  private final List<String> groupBy;
  private final Map<String, String> labels;
  private final Map<String, String> annotations;

  private Slo(Builder b) {
    this.name = b.name;
    this.service = b.service;
    this.serviceLabel = b.serviceLabel;
    this.excludedRoutes = HTTP_CONVENTION_OPERATIONS.contains(b.operation) ? b.excludedRoutes : "";
    this.operation = b.operation;
    this.kind = b.kind;
    this.objective = b.objective;
    this.window = b.window;
    this.threshold = b.threshold;
    this.groupBy = List.copyOf(b.groupBy);
    this.labels = Map.copyOf(b.labels);
    this.annotations = Map.copyOf(b.annotations);
  }

  /**
   * @param name lower-case letters, digits, {@code -} and {@code _}; becomes the {@code slo} label
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** @return the name, the {@code slo} label of every generated series and alert */
  public String name() {
    return name;
  }

  /** @return the service: the {@code job} label its metrics are scraped under */
  public String service() {
    return service;
  }

  /** @return the label whose value is {@link #service()}: {@code job} unless set otherwise */
  public String serviceLabel() {
    return serviceLabel;
  }

  /** @return the regular expression of {@code http_route} values left out; empty when none is */
  public String excludedRoutes() {
    return excludedRoutes;
  }

  /**
   * @return the PromQL label matchers of the SLI's series, without braces, e.g.
   *     {@code job="shop",http_route!~"/actuator.*"}
   */
  public String selector() {
    String selector = serviceLabel + "=\"" + service + "\"";
    return excludedRoutes.isEmpty() ? selector : selector + ",http_route!~\"" + excludedRoutes.replace("\\", "\\\\") + "\"";
  }

  /**
   * @param route an {@code http_route} label value, or null
   * @return whether the SLI leaves requests to that route out (PromQL's fully anchored {@code !~} match)
   */
  public boolean excludes(String route) {
    return !excludedRoutes.isEmpty() && route != null && route.matches(excludedRoutes);
  }

  /** @return the golden-signals operation name, e.g. {@code checkout} for {@code checkout_requests_total} */
  public String operation() {
    return operation;
  }

  /** @return availability or latency */
  public SloKind kind() {
    return kind;
  }

  /** @return the objective in percent, in (0, 100) */
  public double objective() {
    return objective;
  }

  /** @return the error budget as a ratio: {@code 1 - objective / 100} */
  public double errorBudget() {
    return java.math.BigDecimal.ONE.subtract(java.math.BigDecimal.valueOf(objective).movePointLeft(2)).doubleValue();
  }

  /** @return the compliance window, e.g. 30 days */
  public Duration window() {
    return window;
  }

  /** @return the latency threshold in seconds (latency SLOs only; NaN otherwise) */
  public double threshold() {
    return threshold;
  }

  /** @return labels the SLI is computed by (e.g. {@code route}); empty aggregates the whole service */
  public List<String> groupBy() {
    return groupBy;
  }

  /** @return extra labels on the alerts */
  public Map<String, String> labels() {
    return labels;
  }

  /** @return extra annotations on the alerts, e.g. {@code runbook_url} */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** @return the Prometheus name prefix of the operation's metrics */
  String metricPrefix() {
    return operation.replace('.', '_');
  }

  /** @return the Prometheus names of the operation's golden-signal metrics */
  public OperationMetrics metrics() {
    return OperationMetrics.of(operation);
  }

  /** Builds an {@link Slo}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private String service;
    private String serviceLabel = DEFAULT_SERVICE_LABEL;
    private String excludedRoutes = DEFAULT_EXCLUDED_ROUTES;
    private String operation;
    private SloKind kind;
    private double objective = Double.NaN;
    private Duration window = Duration.ofDays(30);
    private double threshold = Double.NaN;
    private List<Double> buckets = Buckets.DEFAULT_LATENCY_SECONDS;
    private final List<String> groupBy = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();

    private Builder(String name) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("SLO name '" + name + "' is invalid: use lower-case letters, digits, '-'"
            + " and '_', starting with a letter or digit (at most 63 characters)");
      }
      this.name = name;
    }

    /**
     * @param service the {@code job} label of the service's metrics
     * @return this
     */
    public Builder service(String service) {
      if (service == null || service.isBlank() || service.contains("\"") || service.contains("\\")) {
        throw new IllegalArgumentException("SLO '" + name + "' field 'service' is '" + service
            + "': it must be a non-empty job name without quotes or backslashes");
      }
      this.service = service;
      return this;
    }

    /**
     * @param label the label that carries the service in Prometheus: {@code job} (the default, the scrape job's
     *     name), or e.g. {@code service} / {@code service_name} when relabelling or OTLP ingestion sets it
     * @return this
     */
    public Builder serviceLabel(String label) {
      if (label == null || !LABEL.matcher(label).matches() || label.startsWith("__")) {
        throw new IllegalArgumentException("SLO '" + name + "' field 'serviceLabel' is '" + label
            + "': it must be a Prometheus label name such as job or service");
      }
      this.serviceLabel = label;
      return this;
    }

    /**
     * @param regex the {@code http_route} values the HTTP SLOs leave out (a fully anchored regular expression),
     *     default {@value Slo#DEFAULT_EXCLUDED_ROUTES}; empty keeps every route. Ignored by other operations.
     * @return this
     */
    public Builder excludedRoutes(String regex) {
      String given = regex == null ? "" : regex.trim();
      try {
        Pattern.compile(given);
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new IllegalArgumentException("SLO '" + name + "' field 'excludedRoutes' is '" + regex
            + "': it is not a regular expression (" + e.getDescription() + ")");
      }
      if (given.contains("\"")) {
        throw new IllegalArgumentException("SLO '" + name + "' field 'excludedRoutes' is '" + regex
            + "': a route pattern has no double quotes");
      }
      this.excludedRoutes = given;
      return this;
    }

    /**
     * @param operation the golden-signals operation name, as given to {@code obs.goldenSignals(…)}, or
     *     {@code http.server.request} / {@code http.client.request} for Observa's HTTP metrics
     * @return this
     */
    public Builder operation(String operation) {
      try {
        MeterNameRules.requireValidName(operation);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("SLO '" + name + "' field 'operation' is '" + operation + "': " + e.getMessage());
      }
      this.operation = operation;
      return this;
    }

    /** @return this, as an availability SLO */
    public Builder availability() {
      this.kind = SloKind.AVAILABILITY;
      this.threshold = Double.NaN;
      return this;
    }

    /**
     * @param thresholdSeconds requests at or under it are good; it must be a bucket boundary
     * @return this, as a latency SLO
     */
    public Builder latency(double thresholdSeconds) {
      this.kind = SloKind.LATENCY;
      this.threshold = thresholdSeconds;
      return this;
    }

    /**
     * @param boundsSeconds the operation's latency buckets, when not the default ones
     * @return this
     */
    public Builder buckets(List<Double> boundsSeconds) {
      this.buckets = List.copyOf(boundsSeconds);
      return this;
    }

    /**
     * @param percent the objective, in (0, 100), e.g. 99.9
     * @return this
     */
    public Builder objective(double percent) {
      if (!(percent > 0 && percent < 100)) {
        throw new IllegalArgumentException("SLO '" + name + "' field 'objective' is " + percent
            + ": it must be a percentage in (0, 100), e.g. 99.9");
      }
      this.objective = percent;
      return this;
    }

    /**
     * @param window a Prometheus duration such as {@code 30d}
     * @return this
     */
    public Builder window(String window) {
      this.window = PromDuration.parse("SLO '" + name + "' field 'window'", window);
      return this;
    }

    /**
     * @param label a label to compute the SLI by
     * @return this
     */
    public Builder groupBy(String label) {
      try {
        MeterNameRules.requireValidTagKey(name, label);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("SLO '" + name + "' field 'groupBy' has '" + label + "': " + e.getMessage());
      }
      groupBy.add(label.replace('.', '_'));
      return this;
    }

    /**
     * @param key an alert label
     * @param value its value
     * @return this
     */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "label key"), Objects.requireNonNull(value, "label value"));
      return this;
    }

    /**
     * @param key an alert annotation, e.g. {@code runbook_url}
     * @param value its value
     * @return this
     */
    public Builder annotation(String key, String value) {
      annotations.put(Objects.requireNonNull(key, "annotation key"), Objects.requireNonNull(value, "annotation value"));
      return this;
    }

    /**
     * @return the SLO
     * @throws IllegalArgumentException naming the first missing or inconsistent field
     */
    public Slo build() {
      if (service == null) {
        throw new IllegalArgumentException("SLO '" + name + "' field 'service' is missing");
      }
      if (operation == null) {
        throw new IllegalArgumentException("SLO '" + name + "' field 'operation' is missing");
      }
      if (kind == null) {
        throw new IllegalArgumentException("SLO '" + name + "' field 'kind' is missing: availability or latency");
      }
      if (Double.isNaN(objective)) {
        throw new IllegalArgumentException("SLO '" + name + "' field 'objective' is missing");
      }
      if (kind == SloKind.LATENCY && !buckets.contains(threshold)) {
        throw new IllegalArgumentException("SLO '" + name + "' field 'threshold' is " + threshold
            + ": it must be one of the operation's bucket boundaries " + buckets);
      }
      return new Slo(this);
    }
  }
}
