package dev.observa.metrics.internal;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Prometheus names Observa's metrics own in a registry shared with Micrometer, and the check that no
 * Micrometer meter of the same registry exposes one of them (a scrape with two families of one name fails,
 * or silently loses one). Names are compared with every suffix a family exposes ({@code _total},
 * {@code _bucket}, {@code _count}, {@code _sum}, {@code _created}, Micrometer's {@code _max}). Thread-safe.
 */
public final class MeterNameClaims {
  private static final NamingConvention DEFAULT_CONVENTION = new PrometheusNamingConvention();

  private final Map<String, String> owners = new ConcurrentHashMap<>();
  private volatile MeterRegistry registry;

  /** @param registry the Micrometer registry whose meters are checked */
  public void bind(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Claims the names of an Observa metric, after checking the registry's Micrometer meters.
   *
   * @param meter the Observa meter name as written
   * @param baseName its Prometheus name without suffixes
   * @param kind counter, gauge, histogram or summary
   * @return the exposed names now owned, to release on close
   * @throws IllegalArgumentException naming both meters when a Micrometer meter exposes one of them
   */
  public synchronized Set<String> claim(String meter, String baseName, String kind) {
    Set<String> names = exposed(baseName, kind);
    MeterRegistry current = registry;
    if (current != null) {
      for (Meter existing : current.getMeters()) {
        Set<String> theirs = micrometerNames(existing.getId(), current.config().namingConvention());
        for (String name : names) {
          if (theirs.contains(name)) {
            throw clash(existing.getId(), meter, kind, name);
          }
        }
      }
    }
    String owner = "Observa " + kind + " '" + meter + "'";
    for (String name : names) {
      owners.putIfAbsent(name, owner);
    }
    return names;
  }

  /** @param names names returned by {@link #claim}, given up when their metric is unregistered */
  public void release(Set<String> names) {
    names.forEach(owners::remove);
  }

  /**
   * @param id a Micrometer meter about to be registered
   * @throws IllegalArgumentException naming both meters when it would expose a name an Observa metric owns
   */
  public void check(Meter.Id id) {
    if (owners.isEmpty()) {
      return;
    }
    MeterRegistry current = registry;
    NamingConvention convention = current == null ? DEFAULT_CONVENTION : current.config().namingConvention();
    for (String name : micrometerNames(id, convention)) {
      String owner = owners.get(name);
      if (owner != null) {
        throw new IllegalArgumentException("Micrometer meter '" + id.getName() + "' (" + kind(id)
            + ") would expose '" + name + "', which " + owner + " already exposes in the same Prometheus registry;"
            + " one scrape cannot hold both: rename one of them");
      }
    }
  }

  private static IllegalArgumentException clash(Meter.Id micrometer, String meter, String kind, String name) {
    return new IllegalArgumentException("Observa " + kind + " '" + meter + "' would expose '" + name
        + "', which Micrometer meter '" + micrometer.getName() + "' (" + kind(micrometer) + ") already exposes in"
        + " the same Prometheus registry; one scrape cannot hold both: rename one of them");
  }

  private static String kind(Meter.Id id) {
    return id.getType().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  static Set<String> exposed(String base, String kind) {
    List<String> suffixes = switch (kind) {
      case "counter" -> List.of("_total", "_created");
      case "histogram" -> List.of("_bucket", "_count", "_sum", "_created");
      case "summary" -> List.of("_count", "_sum", "_created");
      default -> List.of();
    };
    Set<String> names = new LinkedHashSet<>();
    names.add(base);
    suffixes.forEach(suffix -> names.add(base + suffix));
    return names;
  }

  static Set<String> micrometerNames(Meter.Id id, NamingConvention convention) {
    String base = convention.name(id.getName(), id.getType(), id.getBaseUnit());
    Set<String> names = switch (id.getType()) {
      case COUNTER -> exposed(base.endsWith("_total") ? base.substring(0, base.length() - 6) : base,
          "counter");
      case GAUGE -> exposed(base, "gauge");
      case TIMER, DISTRIBUTION_SUMMARY, LONG_TASK_TIMER -> exposed(base, "histogram");
      default -> exposed(base, "counter");
    };
    if (id.getType() == Meter.Type.TIMER || id.getType() == Meter.Type.DISTRIBUTION_SUMMARY
        || id.getType() == Meter.Type.LONG_TASK_TIMER) {
      names.add(base + "_max");
    }
    if (id.getType() == Meter.Type.LONG_TASK_TIMER) {
      names.add(base + "_active_count");
      names.add(base + "_duration_sum");
    }
    return names;
  }
}
