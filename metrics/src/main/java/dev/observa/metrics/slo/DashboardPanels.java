package dev.observa.metrics.slo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grafana panels as JSON trees (the {@code Panel} shape of {@code @grafana/schema}), laid out two to a row of
 * 24 grid units. Queries use {@code $__rate_interval}, which Grafana replaces per panel.
 */
final class DashboardPanels {
  static final String RATE = "[$__rate_interval]";

  private final Map<String, Object> prometheus;
  private final String jaegerUid;
  private final List<Object> panels = new ArrayList<>();
  private int id;
  private int y;
  private int x;

  DashboardPanels(String prometheusUid, String jaegerUid) {
    this.prometheus = map("type", "prometheus", "uid", prometheusUid);
    this.jaegerUid = jaegerUid;
  }

  List<Object> panels() {
    return panels;
  }

  void row(String title) {
    y += x > 0 ? 8 : 0;
    x = 0;
    panels.add(map("type", "row", "id", ++id, "title", title, "collapsed", false, "panels", List.of(),
        "gridPos", map("h", 1, "w", 24, "x", 0, "y", y)));
    y += 1;
  }

  /** A latency heatmap over a histogram's buckets. */
  void heatmap(String title, String histogram, String selector) {
    Map<String, Object> target = target("A", "sum by (le) (rate(" + histogram + "_bucket" + selector + RATE + "))",
        "{{le}}");
    target.put("format", "heatmap");
    panel("heatmap", title, List.of(target), fieldConfig("s", null, List.of()),
        map("calculate", false, "yAxis", map("unit", "s"), "cellGap", 1, "color", map("scheme", "Oranges")));
  }

  /** p50, p90 and p99 of a histogram, with its exemplars linking to the trace in Jaeger. */
  void quantiles(String title, String histogram, String selector) {
    List<Object> targets = new ArrayList<>();
    String[] refs = {"A", "B", "C"};
    double[] quantiles = {0.5, 0.9, 0.99};
    for (int i = 0; i < quantiles.length; i++) {
      Map<String, Object> target = target(refs[i], "histogram_quantile(" + SloRules.number(quantiles[i])
          + ", sum by (le) (rate(" + histogram + "_bucket" + selector + RATE + ")))", "p" + SloRules.number(quantiles[i] * 100));
      target.put("exemplar", i == 0);
      targets.add(target);
    }
    Map<String, Object> traceLink = map("title", "Trace in Jaeger", "url", "", "internal",
        map("datasourceUid", jaegerUid, "datasourceName", "Jaeger", "query", map("query", "${__value.raw}")));
    Map<String, Object> override = map("matcher", map("id", "byName", "options", "trace_id", "scope", "exemplar"),
        "properties", List.of(map("id", "links", "value", List.of(traceLink))));
    panel("timeseries", title, targets, fieldConfig("s", null, List.of(override)), legend());
  }

  /** A time series of one or more queries; {@code thresholds} (may be null) are drawn as lines. */
  void timeseries(String title, String unit, Map<String, String> exprByLegend, List<Map<String, Object>> thresholds) {
    List<Object> targets = new ArrayList<>();
    exprByLegend.forEach((legend, expr) -> targets.add(target(String.valueOf((char) ('A' + targets.size())), expr, legend)));
    panel("timeseries", title, targets, fieldConfig(unit, thresholds, List.of()), legend());
  }

  /** A single value with coloured thresholds. */
  void stat(String title, String unit, String expr, String legend, List<Map<String, Object>> thresholds) {
    panel("stat", title, List.of(target("A", expr, legend)), fieldConfig(unit, thresholds, List.of()),
        map("reduceOptions", map("calcs", List.of("lastNotNull"), "fields", "", "values", false),
            "colorMode", "background", "graphMode", "area"));
  }

  static Map<String, Object> step(String color, Double value) {
    return map("color", color, "value", value);
  }

  private void panel(String type, String title, List<Object> targets, Map<String, Object> fieldConfig,
      Map<String, Object> options) {
    if (x >= 24) {
      x = 0;
      y += 8;
    }
    panels.add(map("type", type, "id", ++id, "title", title, "datasource", prometheus,
        "gridPos", map("h", 8, "w", 12, "x", x, "y", y), "targets", targets, "fieldConfig", fieldConfig,
        "options", options));
    x += 12;
  }

  private Map<String, Object> target(String ref, String expr, String legend) {
    return map("refId", ref, "datasource", prometheus, "expr", expr, "legendFormat", legend, "range", true);
  }

  private static Map<String, Object> fieldConfig(String unit, List<Map<String, Object>> thresholds, List<Object> overrides) {
    Map<String, Object> defaults = map("unit", unit);
    if (thresholds != null) {
      defaults.put("thresholds", map("mode", "absolute", "steps", thresholds));
      defaults.put("custom", map("thresholdsStyle", map("mode", "line")));
    }
    return map("defaults", defaults, "overrides", overrides);
  }

  private static Map<String, Object> legend() {
    return map("legend", map("displayMode", "list", "placement", "bottom", "showLegend", true),
        "tooltip", map("mode", "multi", "sort", "none"));
  }

  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
