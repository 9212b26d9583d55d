package dev.observa.metrics.slo;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * SLO declarations read from YAML (plain data only: no tags, no object construction).
 *
 * <pre>{@code
 * windows: { scaledDown: 1 }         # optional; divide the alert windows, e.g. 60 for a demo
 * slos:
 *   - name: checkout-availability
 *     service: checkout              # the value of the service label
 *     serviceLabel: job              # optional; the label Prometheus carries the service in (default job)
 *     operation: checkout            # obs.goldenSignals("checkout")
 *     kind: availability
 *     objective: 99.9
 *     window: 30d
 *     groupBy: [route]
 *     labels: { team: payments }
 *     annotations: { runbook_url: "https://runbooks.example/checkout" }
 *   - name: checkout-latency
 *     service: checkout
 *     operation: checkout
 *     kind: latency
 *     threshold: 0.1                 # must be a bucket boundary (buckets: [...] when not the default ones)
 *   - name: api-availability
 *     service: shop
 *     operation: http.server.request # OpenTelemetry's HTTP server metric
 *     excludedRoutes: "/actuator.*|/internal/.*"   # optional; default /actuator.*, "" keeps every route
 *     kind: availability
 *     objective: 99.5
 *     objective: 99
 *     window: 30d
 * }</pre>
 *
 * @param slos the declarations
 * @param windows the alert windows
 * @since 0.1.0
 */
public record SloConfig(List<Slo> slos, BurnRateWindows windows) {

  /**
   * @param file a YAML file
   * @return its declarations
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException naming the field and value that are wrong
   */
  public static SloConfig load(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      return fromTree(root);
    }
  }

  /**
   * @param yaml YAML text
   * @return its declarations
   */
  public static SloConfig parse(String yaml) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    return fromTree(root);
  }

  private static SloConfig fromTree(Object root) {
    Map<?, ?> top = map("the file", root);
    BurnRateWindows windows = BurnRateWindows.standard();
    Object w = top.get("windows");
    if (w != null && !"standard".equals(w)) {
      Object divisor = map("windows", w).get("scaledDown");
      windows = windows.scaledDown(integer("windows.scaledDown", divisor));
    }
    Object list = top.get("slos");
    if (!(list instanceof List<?> items) || items.isEmpty()) {
      throw new IllegalArgumentException("field 'slos' is missing or empty: list at least one SLO");
    }
    List<Slo> slos = new ArrayList<>();
    for (Object item : items) {
      slos.add(slo(map("an entry of 'slos'", item)));
    }
    return new SloConfig(List.copyOf(slos), windows);
  }

  private static Slo slo(Map<?, ?> m) {
    Slo.Builder b = Slo.builder(text("name", m.get("name")));
    String name = "SLO '" + m.get("name") + "' field ";
    b.service(text(name + "'service'", m.get("service")));
    if (m.get("serviceLabel") != null) {
      b.serviceLabel(String.valueOf(m.get("serviceLabel")));
    }
    if (m.get("excludedRoutes") != null) {
      b.excludedRoutes(String.valueOf(m.get("excludedRoutes")));
    }
    b.operation(text(name + "'operation'", m.get("operation")));
    if (m.get("buckets") instanceof List<?> buckets) {
      List<Double> bounds = new ArrayList<>();
      for (Object bound : buckets) {
        bounds.add(decimal(name + "'buckets'", bound));
      }
      b.buckets(bounds);
    }
    String kind = text(name + "'kind'", m.get("kind")).toLowerCase(Locale.ROOT);
    switch (kind) {
      case "availability" -> b.availability();
      case "latency" -> b.latency(decimal(name + "'threshold'", m.get("threshold")));
      default -> throw new IllegalArgumentException(name + "'kind' is '" + kind + "': use availability or latency");
    }
    b.objective(decimal(name + "'objective'", m.get("objective")));
    if (m.get("window") != null) {
      b.window(String.valueOf(m.get("window")));
    }
    if (m.get("groupBy") instanceof List<?> groupBy) {
      groupBy.forEach(label -> b.groupBy(String.valueOf(label)));
    }
    if (m.get("labels") != null) {
      map(name + "'labels'", m.get("labels")).forEach((k, v) -> b.label(String.valueOf(k), String.valueOf(v)));
    }
    if (m.get("annotations") != null) {
      map(name + "'annotations'", m.get("annotations")).forEach((k, v) -> b.annotation(String.valueOf(k), String.valueOf(v)));
    }
    return b.build();
  }

  private static Map<?, ?> map(String what, Object value) {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw new IllegalArgumentException(what + " must be a mapping, got '" + value + "'");
  }

  private static String text(String field, Object value) {
    if (value == null || String.valueOf(value).isBlank()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return String.valueOf(value);
  }

  private static double decimal(String field, Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    try {
      return Double.parseDouble(text(field, value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " is '" + value + "': it must be a number");
    }
  }

  private static int integer(String field, Object value) {
    if (value instanceof Integer number) {
      return number;
    }
    throw new IllegalArgumentException(field + " is '" + value + "': it must be a whole number");
  }
}
