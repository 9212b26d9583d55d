package dev.observa.logging.internal;

import dev.observa.Observa;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The self-metric of dropped log events on one {@link Observa}: a callback counter summing, over the
 * appenders that dropped while it was the global instance, their drops since they first did. Dropping
 * then costs an appender one striped increment, and the metric is read at scrape time, even while the
 * appender's worker is stuck.
 */
public final class DroppedEventsMetric {
  private static final Map<Observa, DroppedEventsMetric> BY_OBSERVA = new WeakHashMap<>();

  private record Source(LongSupplier drops, long baseline) {}

  private final CopyOnWriteArrayList<Source> sources = new CopyOnWriteArrayList<>();

  private DroppedEventsMetric() {}

  /**
   * Counts an appender's drops on {@code observa} from now on.
   *
   * @param observa the instance whose metrics show the drops
   * @param metricName the counter's name
   * @param drops the appender's drop total
   * @param baseline the drops already counted elsewhere, not to be shown here
   */
  public static void count(Observa observa, String metricName, LongSupplier drops, long baseline) {
    DroppedEventsMetric metric;
    boolean created = false;
    synchronized (BY_OBSERVA) {
      metric = BY_OBSERVA.get(observa);
      if (metric == null) {
        metric = new DroppedEventsMetric();
        BY_OBSERVA.put(observa, metric);
        created = true;
      }
    }
    metric.sources.add(new Source(drops, baseline));
    if (created) {
      observa.counter(metricName).description("Log events dropped by the async appender").observe(metric::total);
    }
  }

  private double total() {
    long total = 0;
    for (Source source : sources) {
      total += source.drops.getAsLong() - source.baseline;
    }
    return total;
  }
}
