package dev.observa.meter;

/**
 * A counter whose tag values are known only when recording, such as an HTTP method and status. The tag
 * keys are fixed (and validated) at registration; each call names the values, and gets the counter of
 * that series, looked up without allocating once the series exists.
 *
 * <pre>{@code
 * CounterFamily requests = observa.counter("orders.placed").registerFamily("channel", "result");
 * requests.withTagValues(channel, "ok").increment();
 * }</pre>
 *
 * <p>Series are capped by the metric's {@code maxSeries}; combinations beyond go to the overflow series,
 * counted in {@code observa.metric.overflow}. Values given in a number other than the number of keys are
 * reported (rate-limited) and recorded nowhere; nothing throws when recording. A null value is recorded as
 * an empty one.
 *
 * @since 0.1.0
 */
public interface CounterFamily {
  /**
   * @param value the value of the only tag key
   * @return the counter of that series
   */
  Counter withTagValues(String value);

  /**
   * @param first the value of the first tag key
   * @param second the value of the second tag key
   * @return the counter of that series
   */
  Counter withTagValues(String first, String second);

  /**
   * @param values the values, in the order of the tag keys given at registration
   * @return the counter of that series
   */
  Counter withTagValues(String... values);
}
