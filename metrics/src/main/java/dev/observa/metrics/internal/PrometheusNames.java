package dev.observa.metrics.internal;

import dev.observa.meter.MeterType;
import dev.observa.spi.MeterDescriptor;

/**
 * Converts validated Observa names ({@code lower.dot.case} or {@code snake_case}) to Prometheus names:
 * dots become underscores, the base unit is appended once, and a counter's {@code _total} suffix is left
 * to the format writers.
 */
final class PrometheusNames {
  private PrometheusNames() {}

  static String metricName(MeterDescriptor d) {
    String name = d.name().replace('.', '_');
    if (d.type() == MeterType.COUNTER && name.endsWith("_total")) {
      name = name.substring(0, name.length() - "_total".length());
    }
    String unit = d.baseUnit();
    if (unit != null && !name.endsWith("_" + unit)) {
      name = name + "_" + unit;
    }
    return name;
  }

  static String labelName(String tagKey) {
    return tagKey.replace('.', '_');
  }
}
