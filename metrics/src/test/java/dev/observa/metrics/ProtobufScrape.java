package dev.observa.metrics;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.MetricFamily;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A protobuf scrape parsed back with the protobuf classes prometheus-metrics ships (shaded), and checked
 * for what Prometheus itself refuses on ingestion: negative or NaN counts, classic buckets that are not
 * cumulative or exceed the count, native spans that do not match their deltas, native bucket counts that
 * are negative or do not add up to the count.
 */
final class ProtobufScrape {
  private ProtobufScrape() {}

  static List<MetricFamily> parse(byte[] body) throws IOException {
    List<MetricFamily> families = new ArrayList<>();
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    MetricFamily family;
    while ((family = MetricFamily.parseDelimitedFrom(in)) != null) {
      families.add(family);
    }
    return families;
  }

  static MetricFamily family(List<MetricFamily> families, String name) {
    return families.stream().filter(f -> f.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no family " + name + " in " + families.stream().map(MetricFamily::getName).toList()));
  }

  /** @return the problems found, empty when every family is acceptable */
  static List<String> problems(List<MetricFamily> families) {
    List<String> problems = new ArrayList<>();
    for (MetricFamily family : families) {
      for (Metrics.Metric metric : family.getMetricList()) {
        String where = family.getName() + metric.getLabelList();
        switch (family.getType()) {
          case COUNTER -> {
            double value = metric.getCounter().getValue();
            if (Double.isNaN(value) || value < 0) {
              problems.add(where + ": counter value " + value);
            }
          }
          case SUMMARY -> {
            Metrics.Summary summary = metric.getSummary();
            if (Double.isNaN(summary.getSampleSum()) || summary.getSampleSum() < 0) {
              problems.add(where + ": summary sum " + summary.getSampleSum());
            }
            summary.getQuantileList().stream().filter(q -> q.getValue() < 0)
                .forEach(q -> problems.add(where + ": negative quantile value " + q.getValue()));
          }
          case HISTOGRAM -> histogram(where, metric.getHistogram(), problems);
          default -> { }
        }
      }
    }
    return problems;
  }

  private static void histogram(String where, Metrics.Histogram h, List<String> problems) {
    long previous = 0;
    for (Metrics.Bucket bucket : h.getBucketList()) {
      if (bucket.getCumulativeCount() < previous || bucket.getCumulativeCount() > h.getSampleCount()) {
        problems.add(where + ": classic bucket le=" + bucket.getUpperBound() + " count " + bucket.getCumulativeCount()
            + " after " + previous + ", sample count " + h.getSampleCount());
      }
      previous = bucket.getCumulativeCount();
    }
    boolean nativeData = h.getPositiveSpanCount() > 0 || h.getNegativeSpanCount() > 0 || h.getZeroThreshold() > 0
        || h.getZeroCount() > 0;
    if (!nativeData) {
      return;
    }
    long total = h.getZeroCount() + buckets(where, h.getPositiveSpanList(), h.getPositiveDeltaList(), problems)
        + buckets(where, h.getNegativeSpanList(), h.getNegativeDeltaList(), problems);
    if (total != h.getSampleCount()) {
      problems.add(where + ": native buckets hold " + total + " observations, sample count " + h.getSampleCount());
    }
    if (h.getSchema() < -4 || h.getSchema() > 8) {
      problems.add(where + ": schema " + h.getSchema());
    }
  }

  /** @return the observations in the buckets the spans and deltas describe */
  private static long buckets(String where, List<Metrics.BucketSpan> spans, List<Long> deltas, List<String> problems) {
    long length = 0;
    for (int i = 0; i < spans.size(); i++) {
      if (i > 0 && spans.get(i).getOffset() < 0) {
        problems.add(where + ": span " + i + " has a negative offset");
      }
      length += spans.get(i).getLength();
    }
    if (length != deltas.size()) {
      problems.add(where + ": spans cover " + length + " buckets, " + deltas.size() + " deltas given");
    }
    long count = 0;
    long total = 0;
    for (long delta : deltas) {
      count += delta;
      if (count < 0) {
        problems.add(where + ": a native bucket count is negative");
      }
      total += count;
    }
    return total;
  }

  /**
   * @param h a native histogram
   * @return the positive buckets as {index, count} pairs
   */
  static List<long[]> positiveBuckets(Metrics.Histogram h) {
    List<long[]> buckets = new ArrayList<>();
    int delta = 0;
    long index = 0;
    long count = 0;
    for (Metrics.BucketSpan span : h.getPositiveSpanList()) {
      index += span.getOffset();
      for (int i = 0; i < span.getLength(); i++) {
        count += h.getPositiveDelta(delta++);
        buckets.add(new long[] {index, count});
        index++;
      }
    }
    return buckets;
  }
}
