package dev.observa.metrics.slo;

import static dev.observa.metrics.slo.DashboardPanels.map;
import static dev.observa.metrics.slo.DashboardPanels.step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Generates one Grafana dashboard per service from the same {@link Slo} declarations as {@link SloRules}: for
 * every operation the four golden signals (latency heatmap, p50/p90/p99 with exemplars linking to the trace in
 * a Jaeger data source, traffic, HTTP responses by status class, errors by class and error ratio, in-flight
 * saturation), and for every SLO
 * its error budget remaining and its burn rate over each alert window against the alert burn rates (14.4×, 6×,
 * 3×, 1× with {@link BurnRateWindows#standard()}). The SLO panels read the series the rules record.
 *
 * <pre>{@code
 * Map<String, String> files = SloDashboards.builder().prometheusUid("prometheus").jaegerUid("jaeger")
 *     .windows(config.windows()).build().render(config.slos());   // {"checkout.json": "{…}"}
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class SloDashboards {
  private static final Pattern UID = Pattern.compile("[A-Za-z0-9_\\-]{1,40}");

  private final String prometheusUid;
  private final String jaegerUid;
  private final BurnRateWindows windows;

  private SloDashboards(Builder b) {
    this.prometheusUid = b.prometheusUid;
    this.jaegerUid = b.jaegerUid;
    this.windows = b.windows;
  }

  /** @return a builder: data sources {@code prometheus} and {@code jaeger}, the Workbook's windows */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * @param slos the objectives
   * @return one dashboard per service, as {@code <service>.json} → JSON text, in declaration order
   * @throws IllegalArgumentException if two SLOs share a name
   */
  public Map<String, String> render(List<Slo> slos) {
    Set<String> names = new TreeSet<>();
    Map<String, List<Slo>> byService = new LinkedHashMap<>();
    for (Slo slo : slos) {
      if (!names.add(slo.name())) {
        throw new IllegalArgumentException("SLO name '" + slo.name() + "' is declared twice");
      }
      byService.computeIfAbsent(slo.service(), s -> new ArrayList<>()).add(slo);
    }
    Map<String, String> files = new LinkedHashMap<>();
    byService.forEach((service, own) -> files.put(fileName(service), JsonText.write(dashboard(service, own))));
    return files;
  }

  private Map<String, Object> dashboard(String service, List<Slo> slos) {
    DashboardPanels panels = new DashboardPanels(prometheusUid, jaegerUid);
    Map<String, String> operations = new LinkedHashMap<>();
    slos.forEach(slo -> operations.putIfAbsent(slo.operation(), slo.selector()));
    for (Map.Entry<String, String> entry : operations.entrySet()) {
      String operation = entry.getKey();
      String job = entry.getValue();
      OperationMetrics m = OperationMetrics.of(operation);
      String all = "{" + job + "}";
      String errors = "{" + job + "," + m.errorMatcher() + "}";
      panels.row(operation + ": golden signals");
      panels.heatmap("Latency distribution", m.durationSeconds(), all);
      panels.quantiles("Latency p50 / p90 / p99 (exemplars link to Jaeger)", m.durationSeconds(), all);
      panels.timeseries("Traffic", "reqps", Map.of("requests/s",
          "sum(rate(" + m.requestsTotal() + all + DashboardPanels.RATE + "))"), null);
      if (m.http()) {
        panels.timeseries("Responses by status class", "reqps", Map.of("{{status_class}}",
            "sum by (status_class) (label_replace(rate(" + m.requestsTotal() + all + DashboardPanels.RATE + "), "
                + "\"status_class\", \"${1}xx\", \"" + m.statusLabel() + "\", \"([1-5])..\"))"), null);
      }
      panels.timeseries("Errors by " + m.errorLabel(), "reqps", Map.of("{{" + m.errorLabel() + "}}", "sum by ("
          + m.errorLabel() + ") (rate(" + m.requestsTotal() + errors + DashboardPanels.RATE + "))"), null);
      panels.timeseries("Error ratio", "percentunit", Map.of("errors / requests",
          "sum(rate(" + m.requestsTotal() + errors + DashboardPanels.RATE + ")) / sum(rate(" + m.requestsTotal() + all
              + DashboardPanels.RATE + "))"), null);
      panels.timeseries("Saturation: in flight", "short", Map.of("in flight", "sum(" + m.inFlight() + all + ")"), null);
    }
    for (Slo slo : slos) {
      String selector = "{slo=\"" + slo.name() + "\"}";
      panels.row("SLO " + slo.name() + ": " + SloRules.number(slo.objective()) + "% "
          + slo.kind().name().toLowerCase(java.util.Locale.ROOT) + " over " + PromDuration.format(slo.window()));
      panels.stat("Error budget remaining", "percentunit", "slo:error_budget_remaining:ratio" + selector,
          String.join(" ", slo.groupBy().stream().map(l -> "{{" + l + "}}").toList()),
          List.of(step("red", null), step("orange", 0.0), step("yellow", 0.25), step("green", 0.5)));
      Map<String, String> burn = new LinkedHashMap<>();
      for (java.time.Duration window : windows.windows()) {
        burn.put(PromDuration.format(window), SloRules.ratioName(window) + selector + " / " + SloRules.number(slo.errorBudget()));
      }
      panels.timeseries("Burn rate per window (alerts at " + burnRates() + ")", "x", burn, burnThresholds());
    }
    return map("uid", uid(service), "title", service + ": golden signals and SLOs",
        "description", "Generated by Observa from SLO declarations; do not edit by hand.",
        "tags", List.of("observa", "slo"), "timezone", "browser", "editable", true, "graphTooltip", 1,
        "schemaVersion", 39, "refresh", "30s", "time", map("from", "now-6h", "to", "now"),
        "panels", panels.panels());
  }

  private String burnRates() {
    return String.join(", ", windows.alerts().stream().map(a -> SloRules.number(a.burnRate()) + "x").distinct().toList());
  }

  private List<Map<String, Object>> burnThresholds() {
    List<Map<String, Object>> steps = new ArrayList<>(List.of(step("green", null)));
    String[] colors = {"blue", "yellow", "orange", "red"};
    List<Double> rates = windows.alerts().stream().map(BurnRateWindows.Alert::burnRate).distinct().sorted().toList();
    for (int i = 0; i < rates.size(); i++) {
      steps.add(step(colors[Math.max(0, colors.length - rates.size() + i)], rates.get(i)));
    }
    return steps;
  }

  /**
   * @param service a service ({@code job} label)
   * @return the key of its dashboard in {@link #render(List)}, e.g. {@code checkout.json}
   */
  public static String fileName(String service) {
    return service.replaceAll("[^A-Za-z0-9_.\\-]", "-") + ".json";
  }

  private static String uid(String service) {
    String uid = "observa-" + service.replaceAll("[^A-Za-z0-9_\\-]", "-");
    return uid.length() <= 40 ? uid : uid.substring(0, 31) + "-" + Integer.toHexString(service.hashCode());
  }

  /** Builds {@link SloDashboards}. Not thread-safe. */
  public static final class Builder {
    private String prometheusUid = "prometheus";
    private String jaegerUid = "jaeger";
    private BurnRateWindows windows = BurnRateWindows.standard();

    private Builder() {}

    /**
     * @param uid the uid of the Grafana Prometheus data source every panel queries
     * @return this
     */
    public Builder prometheusUid(String uid) {
      this.prometheusUid = requireUid("prometheusUid", uid);
      return this;
    }

    /**
     * @param uid the uid of the Grafana Jaeger data source exemplars link to
     * @return this
     */
    public Builder jaegerUid(String uid) {
      this.jaegerUid = requireUid("jaegerUid", uid);
      return this;
    }

    /**
     * @param windows the alert windows the rules were generated with
     * @return this
     */
    public Builder windows(BurnRateWindows windows) {
      this.windows = java.util.Objects.requireNonNull(windows, "windows");
      return this;
    }

    /** @return the generator */
    public SloDashboards build() {
      return new SloDashboards(this);
    }

    private static String requireUid(String field, String uid) {
      if (uid == null || !UID.matcher(uid).matches()) {
        throw new IllegalArgumentException("dashboard field '" + field + "' is '" + uid
            + "': a Grafana data source uid has 1 to 40 letters, digits, '-' or '_'");
      }
      return uid;
    }
  }
}
