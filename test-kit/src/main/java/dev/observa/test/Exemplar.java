package dev.observa.test;

/**
 * One exemplar of the OpenMetrics exposition: the sample line it hangs on and the trace it points at.
 *
 * <pre>{@code
 * capture.exemplars().get(0).sample();   // checkout_duration_seconds_bucket{le="0.1"} 3
 * }</pre>
 *
 * @param sample the sample part of the line (name, labels, value)
 * @param traceId the exemplar's {@code trace_id} label
 * @param spanId the exemplar's {@code span_id} label
 * @since 0.1.0
 */
public record Exemplar(String sample, String traceId, String spanId) {

  /** @return the metric sample name, e.g. {@code checkout_duration_seconds_bucket} */
  public String metric() {
    int brace = sample.indexOf('{');
    int space = sample.indexOf(' ');
    return sample.substring(0, brace >= 0 && (space < 0 || brace < space) ? brace : space);
  }

  static Exemplar parse(String line) {
    int hash = line.indexOf(" # {");
    if (hash < 0) {
      return null;
    }
    String labels = line.substring(hash + 4, line.indexOf('}', hash));
    return new Exemplar(line.substring(0, hash), label(labels, "trace_id"), label(labels, "span_id"));
  }

  private static String label(String labels, String name) {
    int at = labels.indexOf(name + "=\"");
    return at < 0 ? null : labels.substring(at + name.length() + 2, labels.indexOf('"', at + name.length() + 2));
  }
}
