package dev.observa.tracing.internal;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Reads every value of a header from any carrier, with a cap on how much is read. */
final class HeaderValues {
  private HeaderValues() {}

  /**
   * @param carrier the carrier
   * @param getter its getter; {@link TextMapGetter#getAll} is used, so repeated headers are all seen
   * @param name the header
   * @param maxTotal the most characters accepted over all values; more makes the result null
   * @return the values, possibly empty, or null when they exceed {@code maxTotal}
   */
  static <C> List<String> all(C carrier, TextMapGetter<C> getter, String name, int maxTotal) {
    List<String> values = new ArrayList<>(1);
    Iterator<String> it = getter.getAll(carrier, name);
    int total = 0;
    while (it != null && it.hasNext()) {
      String value = it.next();
      if (value == null) {
        continue;
      }
      total += value.length();
      if (total > maxTotal) {
        return null;
      }
      values.add(value);
    }
    return values;
  }
}
