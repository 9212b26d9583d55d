package dev.observa.spring;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults Observa needs from Spring Boot, added with the lowest precedence so any application setting
 * wins: exemplars only on {@code _bucket}/{@code _total} lines (Prometheus 2.42 rejects a scrape with an
 * exemplar on {@code _count}); and, unless
 * {@code observa.logging.json=false}, JSON console logs through {@link ObservaStructuredLogFormatter} with
 * the banner off so stdout stays one JSON object per line. Web exposure of actuator endpoints is left as
 * Spring Boot has it (health only): the application chooses what to expose.
 */
class ObservaEnvironmentDefaults implements EnvironmentPostProcessor {
  static final String SOURCE = "observaDefaults";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("management.prometheus.metrics.export.properties.io.prometheus.exporter.exemplarsOnAllMetricTypes",
        "false");
    if (environment.getProperty("observa.logging.json", Boolean.class, true)) {
      defaults.put("logging.structured.format.console", ObservaStructuredLogFormatter.class.getName());
      defaults.put("spring.main.banner-mode", "off");
    }
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
  }
}
