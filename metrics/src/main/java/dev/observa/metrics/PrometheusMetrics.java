package dev.observa.metrics;

import dev.observa.spi.MeterNameRules;
import dev.observa.metrics.internal.ContextExemplarSpanContext;
import dev.observa.metrics.internal.PrometheusMetricsBackend;
import dev.observa.metrics.internal.TextExposition;
import dev.observa.spi.MetricsBackend;
import dev.observa.spi.MetricsProvider;
import dev.observa.spi.ObservaSettings;
import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.config.ExporterProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.tracer.initializer.SpanContextSupplier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Metrics recorded into striped series (Observa's own for counters, histograms and timers,
 * prometheus-metrics' for gauges and summaries) registered in the {@code PrometheusRegistry} behind a
 * Micrometer {@link PrometheusMeterRegistry}, so one scrape shows
 * Observa's instruments and any Micrometer meters together, in the Prometheus text format 0.0.4 or
 * OpenMetrics 1.0 with exemplars taken from the shared context, or Prometheus' protobuf format, which also
 * carries native histograms.
 *
 * <pre>{@code
 * PrometheusMetrics prometheus = PrometheusMetrics.create();
 * Observa obs = Observa.builder().metrics(prometheus).build();
 * Exposition answer = prometheus.scrape(request.getHeader("Accept"));
 * }</pre>
 *
 * <p>Exemplars are attached only to counter {@code _total} and histogram {@code _bucket} lines, as
 * OpenMetrics 1.0 allows (Micrometer's own default also puts one on {@code _count}, which makes
 * Prometheus 2.42 reject the whole scrape). Thread-safe.
 *
 * @since 0.1.0
 */
public final class PrometheusMetrics implements MetricsProvider {
  /** The OpenMetrics 1.0 content type. */
  public static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  /** The Prometheus text format 0.0.4 content type. */
  public static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  /** Prometheus' protobuf format (length-delimited {@code MetricFamily} messages), with native histograms. */
  public static final String PROTOBUF_CONTENT_TYPE =
      "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

  private static final ContextExemplarSpanContext EXEMPLARS = new ContextExemplarSpanContext();

  private final PrometheusMeterRegistry registry;
  private final Map<String, String> commonTags;
  private final boolean serviceTags;
  private final MeterNameGuard nameGuard;
  private final java.util.List<PrometheusMetricsBackend> backends = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final ClosedConnections closedConnections;
  // _created only in OpenMetrics, where it is part of the format; in text 0.0.4 it would be extra gauges
  private static final ExpositionFormats OPENMETRICS_FORMATS = ExpositionFormats.init(
      ExporterProperties.builder().includeCreatedTimestamps(true).exemplarsOnAllMetricTypes(false).build());
  private static final ExpositionFormats TEXT_FORMATS = ExpositionFormats.init(
      ExporterProperties.builder().includeCreatedTimestamps(false).exemplarsOnAllMetricTypes(false).build());
  // prometheus-metrics' own writer (prometheus-metrics-exposition-formats, protobuf shaded inside it)
  private static final ExpositionFormatWriter PROTOBUF_WRITER = OPENMETRICS_FORMATS.getPrometheusProtobufWriter();

  private PrometheusMetrics(Builder builder) {
    SpanContextSupplier.setSpanContext(EXEMPLARS);
    this.registry = builder.registry != null ? builder.registry
        : new PrometheusMeterRegistry(new ExemplarSafeConfig(), new PrometheusRegistry(), Clock.SYSTEM, EXEMPLARS);
    this.commonTags = Map.copyOf(builder.commonTags);
    this.nameGuard = builder.nameGuard != null ? builder.nameGuard : MeterNameGuard.create();
    this.nameGuard.claims().bind(registry);
    if (builder.nameGuard == null) {
      registry.config().meterFilter(nameGuard);
    }
    this.serviceTags = builder.serviceTags;
    this.closedConnections = new ClosedConnections(registry.getPrometheusRegistry(), nameGuard.claims());
  }

  /** @return the self-metric of the {@link MetricsHttpServer}s serving these metrics */
  ClosedConnections closedConnections() {
    return closedConnections;
  }

  /** @return metrics on a new registry of their own, without common tags */
  public static PrometheusMetrics create() {
    return builder().build();
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Uses an existing registry, e.g. the one Spring Boot made. Its exemplar settings stay as they are. A
   * {@link MeterNameGuard} is added to its filters (Micrometer warns once when a filter comes after the first
   * meter: install a guard before any meter and pass it with {@link Builder#nameGuard} to avoid that).
   *
   * @param registry the registry
   * @return metrics on it
   */
  public static PrometheusMetrics using(PrometheusMeterRegistry registry) {
    return builder().registry(registry).build();
  }

  @Override
  public MetricsBackend createBackend(ObservaSettings settings) {
    Map<String, String> tags = new LinkedHashMap<>(commonTags);
    if (serviceTags) {
      tags.putIfAbsent("service", settings.serviceName());
      if (settings.environment() != null) {
        tags.putIfAbsent("environment", settings.environment());
      }
    }
    PrometheusMetricsBackend backend = new PrometheusMetricsBackend(registry.getPrometheusRegistry(), settings, tags,
        nameGuard.claims()) {
      @Override
      public <T> T unwrap(Class<T> type) {
        return type.isInstance(PrometheusMetrics.this) ? type.cast(PrometheusMetrics.this) : super.unwrap(type);
      }

      @Override
      public void close() {
        backends.remove(this);
        super.close();
      }
    };
    backends.add(backend);
    return backend;
  }

  /**
   * @return how many series each Observa metric has (its overflow series included), by Prometheus name,
   *     for comparing against the series budget
   */
  public Map<String, Integer> seriesCounts() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    backends.forEach(backend -> counts.putAll(backend.seriesCounts()));
    return counts;
  }

  /**
   * @return what the Observa metrics lost, by reason, summed over their backends: {@code series_overflow}
   *     (records folded into an overflow series) and {@code callback_failures} (callbacks that threw, read as NaN)
   */
  public Map<String, Long> dropSummary() {
    Map<String, Long> summary = new java.util.TreeMap<>();
    backends.forEach(backend -> backend.dropSummary().forEach((reason, count) -> summary.merge(reason, count, Long::sum)));
    return summary;
  }

  /** @return the Micrometer registry behind these metrics */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Renders the metrics in the format the {@code Accept} header asks for, honouring its {@code q} weights:
   * Prometheus' protobuf format ({@value #PROTOBUF_CONTENT_TYPE}, the only one with native histograms),
   * OpenMetrics 1.0 or the text format 0.0.4 (also the answer when the header names none of them).
   *
   * @param accept the request's {@code Accept} header, may be null
   * @return the answer
   */
  public Exposition scrape(String accept) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    String contentType;
    try {
      contentType = scrape(accept, out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // cannot happen: the stream is in memory
    }
    return new Exposition(contentType, out.toByteArray());
  }

  /**
   * Writes the metrics straight into a stream, without building the answer first: what a server answering
   * scrapes should call. The format is chosen as in {@link #scrape(String)}.
   *
   * @param accept the request's {@code Accept} header, may be null
   * @param out where the exposition is written (not closed)
   * @return the content type of what was written
   * @throws IOException from the stream
   */
  public String scrape(String accept, OutputStream out) throws IOException {
    ScrapeFormat format = ScrapeFormat.negotiate(accept);
    PrometheusRegistry prometheusRegistry = registry.getPrometheusRegistry();
    switch (format) {
      case PROTOBUF -> PROTOBUF_WRITER.write(out, prometheusRegistry.scrape());
      case OPENMETRICS -> TextExposition.write(out, prometheusRegistry, backends, true, true,
          OPENMETRICS_FORMATS.getOpenMetricsTextFormatWriter());
      default -> TextExposition.write(out, prometheusRegistry, backends, false, false,
          TEXT_FORMATS.getPrometheusTextFormatWriter());
    }
    return format.contentType();
  }

  /** Builds {@link PrometheusMetrics}. Not thread-safe. */
  public static final class Builder {
    private PrometheusMeterRegistry registry;
    private final Map<String, String> commonTags = new LinkedHashMap<>();
    private boolean serviceTags;
    private MeterNameGuard nameGuard;

    private Builder() {}

    /**
     * @param guard the guard already installed as a filter of the registry (e.g. by Spring Boot, before any
     *     meter); default: a new one, installed by {@link #build()}
     * @return this
     */
    public Builder nameGuard(MeterNameGuard guard) {
      this.nameGuard = java.util.Objects.requireNonNull(guard, "guard");
      return this;
    }

    /**
     * @param registry an existing Micrometer registry to share (e.g. Spring Boot's); default a new one
     * @return this
     */
    public Builder registry(PrometheusMeterRegistry registry) {
      this.registry = java.util.Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Adds a constant tag to every series, e.g. {@code region=eu}.
     *
     * @param key a tag key following the metric tag rules
     * @param value the value
     * @return this
     */
    public Builder commonTag(String key, String value) {
      commonTags.put(MeterNameRules.requireValidTagKey("(common tags)", key), value == null ? "" : value);
      return this;
    }

    /**
     * Adds {@code service} and {@code environment} tags from the Observa settings to every series.
     * {@code instance} and {@code job} are left to Prometheus, which attaches them to every scraped series.
     *
     * @param serviceTags whether to add them; default false
     * @return this
     */
    public Builder serviceTags(boolean serviceTags) {
      this.serviceTags = serviceTags;
      return this;
    }

    /** @return the metrics provider */
    public PrometheusMetrics build() {
      return new PrometheusMetrics(this);
    }
  }

  /** Micrometer's defaults, but exemplars only where OpenMetrics 1.0 allows them. */
  private static final class ExemplarSafeConfig implements PrometheusConfig {
    @Override
    public String get(String key) {
      return null;
    }

    @Override
    public Properties prometheusProperties() {
      Properties properties = new Properties();
      properties.putAll(PrometheusConfig.super.prometheusProperties());
      properties.setProperty("io.prometheus.exporter.exemplarsOnAllMetricTypes", "false");
      return properties;
    }
  }
}
