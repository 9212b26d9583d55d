package dev.observa.metrics;

import java.util.Locale;

/**
 * The exposition formats a scrape can answer in, and the choice among them by the {@code Accept} header
 * (RFC 9110 §12.5.1: the acceptable media range with the highest {@code q} wins; {@code q=0} means "not
 * acceptable"). Ties go to the richer format: protobuf, then OpenMetrics, then text. A header naming none
 * of them, or one that does not parse, gets the text format 0.0.4, which every scraper reads.
 */
enum ScrapeFormat {
  /** Prometheus' protobuf format: classic and native histograms, exemplars. */
  PROTOBUF(PrometheusMetrics.PROTOBUF_CONTENT_TYPE),
  /** OpenMetrics 1.0: exemplars on {@code _bucket} and {@code _total}, {@code _created}. */
  OPENMETRICS(PrometheusMetrics.OPENMETRICS_CONTENT_TYPE),
  /** The Prometheus text format 0.0.4. */
  TEXT(PrometheusMetrics.TEXT_CONTENT_TYPE);

  private static final int MAX_RANGES = 64;

  private final String contentType;

  ScrapeFormat(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  /**
   * @param accept the request's {@code Accept} header, may be null
   * @return the format to answer in
   */
  static ScrapeFormat negotiate(String accept) {
    if (accept == null || accept.isBlank()) {
      return TEXT;
    }
    // a scraper sends the same header every time: the last answer is kept, so a scrape parses nothing
    Negotiated last = lastNegotiated;
    if (last != null && last.accept.equals(accept)) {
      return last.format;
    }
    ScrapeFormat format = parse(accept);
    lastNegotiated = new Negotiated(accept, format);
    return format;
  }

  private record Negotiated(String accept, ScrapeFormat format) {}

  private static volatile Negotiated lastNegotiated;

  private static ScrapeFormat parse(String accept) {
    ScrapeFormat best = null;
    double bestQ = 0;
    String[] ranges = accept.split(",", MAX_RANGES + 1);
    for (int i = 0; i < Math.min(ranges.length, MAX_RANGES); i++) {
      String[] parts = ranges[i].split(";", -1);
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      String proto = null;
      String encoding = null;
      String version = null;
      for (int p = 1; p < parts.length; p++) {
        int eq = parts[p].indexOf('=');
        if (eq < 0) {
          continue;
        }
        String key = parts[p].substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = unquote(parts[p].substring(eq + 1).trim());
        switch (key) {
          case "q" -> q = quality(value);
          case "proto" -> proto = value;
          case "encoding" -> encoding = value.toLowerCase(Locale.ROOT);
          case "version" -> version = value;
          default -> { }
        }
      }
      ScrapeFormat format = match(type, proto, encoding, version);
      if (format != null && q > 0 && (q > bestQ || q == bestQ && format.ordinal() < best.ordinal())) {
        best = format;
        bestQ = q;
      }
    }
    return best == null ? TEXT : best;
  }

  private static ScrapeFormat match(String type, String proto, String encoding, String version) {
    return switch (type) {
      case "application/vnd.google.protobuf" -> "io.prometheus.client.MetricFamily".equals(proto)
          && "delimited".equals(encoding) ? PROTOBUF : null;
      case "application/openmetrics-text" -> version == null || version.equals("1.0.0") || version.equals("0.0.1")
          ? OPENMETRICS : null;
      case "text/plain", "text/*", "*/*" -> version == null || version.equals("0.0.4") ? TEXT : null;
      default -> null;
    };
  }

  /** @return the weight, or 0 (not acceptable) when it is not a valid qvalue */
  private static double quality(String value) {
    try {
      double q = Double.parseDouble(value);
      return q >= 0 && q <= 1 ? q : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1) : value;
  }
}
