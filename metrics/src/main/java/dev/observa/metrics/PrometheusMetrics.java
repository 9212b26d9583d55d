package dev.observa.metrics;

import dev.observa.metrics.internal.ContextExemplarSpanContext;
import dev.observa.metrics.internal.PrometheusMetricsBackend;
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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Metrics recorded by prometheus-metrics instruments (striped adders, bucket arrays) into the
 * {@code PrometheusRegistry} behind a Micrometer {@link PrometheusMeterRegistry}, so one scrape shows
 * Observa's instruments and any Micrometer meters together, in the Prometheus text format 0.0.4 or
 * OpenMetrics 1.0 with exemplars taken from the shared context.
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

  private static final ContextExemplarSpanContext EXEMPLARS = new ContextExemplarSpanContext();

  private final PrometheusMeterRegistry registry;
  private final ExpositionFormats formats = ExpositionFormats.init(
      ExporterProperties.builder().includeCreatedTimestamps(true).exemplarsOnAllMetricTypes(false).build());

  private PrometheusMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** @return metrics on a new registry of their own */
  public static PrometheusMetrics create() {
    SpanContextSupplier.setSpanContext(EXEMPLARS);
    return new PrometheusMetrics(new PrometheusMeterRegistry(new ExemplarSafeConfig(), new PrometheusRegistry(),
        Clock.SYSTEM, EXEMPLARS));
  }

  /**
   * Uses an existing registry, e.g. the one Spring Boot made. Its exemplar settings stay as they are.
   *
   * @param registry the registry
   * @return metrics on it
   */
  public static PrometheusMetrics using(PrometheusMeterRegistry registry) {
    SpanContextSupplier.setSpanContext(EXEMPLARS);
    return new PrometheusMetrics(registry);
  }

  @Override
  public MetricsBackend create(ObservaSettings settings) {
    return new PrometheusMetricsBackend(registry.getPrometheusRegistry()) {
      @Override
      public <T> T unwrap(Class<T> type) {
        return type.isInstance(PrometheusMetrics.this) ? type.cast(PrometheusMetrics.this) : super.unwrap(type);
      }
    };
  }

  /** @return the Micrometer registry behind these metrics */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Renders the metrics in the format the {@code Accept} header asks for: OpenMetrics when it names
   * {@code application/openmetrics-text}, otherwise the Prometheus text format.
   *
   * @param accept the request's {@code Accept} header, may be null
   * @return the answer
   */
  public Exposition scrape(String accept) {
    boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
    ExpositionFormatWriter writer = openMetrics
        ? formats.getOpenMetricsTextFormatWriter() : formats.getPrometheusTextFormatWriter();
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      writer.write(out, registry.getPrometheusRegistry().scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: the stream is in memory
    }
    return new Exposition(openMetrics ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE, out.toString(StandardCharsets.UTF_8));
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
