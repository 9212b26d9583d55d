package dev.observa.tracing.internal;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Iterator;

/** Reads every value of a header from any carrier, with a cap on how much is read. */
final class HeaderValues {
  /** Returned (compare by identity) when the values exceed the cap. */
  @SuppressWarnings("StringOperationCanBeSimplified")
  static final String OVERSIZED = new String("<oversized>");
  /** Returned (compare by identity) when a header that must appear once is repeated. */
  @SuppressWarnings("StringOperationCanBeSimplified")
  static final String REPEATED = new String("<repeated>");

  /** Whether a getter class overrides {@link TextMapGetter#getAll}, i.e. can return several values. */
  private static final ClassValue<Boolean> READS_ALL_VALUES = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      try {
        return type.getMethod("getAll", Object.class, String.class).getDeclaringClass() != TextMapGetter.class;
      } catch (NoSuchMethodException | SecurityException e) {
        return true;
      }
    }
  };

  /** The last getter class asked about, so the common case of one getter type skips the ClassValue lookup. */
  private record Known(Class<?> type, boolean readsAll) {}

  private static volatile Known last = new Known(Object.class, true);

  private HeaderValues() {}

  private static boolean readsAllValues(Class<?> type) {
    Known known = last;
    return known.type == type ? known.readsAll : lookUp(type);
  }

  private static boolean lookUp(Class<?> type) {
    boolean readsAll = READS_ALL_VALUES.get(type);
    last = new Known(type, readsAll);
    return readsAll;
  }

  /**
   * @param carrier the carrier
   * @param getter its getter; {@link TextMapGetter#getAll} is used, so repeated headers are all seen
   * @param name the header
   * @param maxTotal the most characters accepted over all values
   * @param once whether a second value makes the header invalid
   * @return the values joined with commas (the first as is when there is one), null when absent,
   *     {@link #OVERSIZED} or {@link #REPEATED}
   */
  static <C> String joined(C carrier, TextMapGetter<C> getter, String name, int maxTotal, boolean once) {
    if (readsAllValues(getter.getClass())) {
      return joinedAll(carrier, getter, name, maxTotal, once);
    }
    // the getter sees one value per header (getAll would only wrap get's answer): no iterator needed
    String value = getter.get(carrier, name);
    return value == null || value.length() <= maxTotal ? value : OVERSIZED;
  }

  private static <C> String joinedAll(C carrier, TextMapGetter<C> getter, String name, int maxTotal, boolean once) {
    Iterator<String> it = getter.getAll(carrier, name);
    String first = null;
    StringBuilder more = null;
    int total = 0;
    while (it != null && it.hasNext()) {
      String value = it.next();
      if (value == null) {
        continue;
      }
      total += value.length();
      if (total > maxTotal) {
        return OVERSIZED;
      }
      if (first == null) {
        first = value;
      } else if (once) {
        return REPEATED;
      } else {
        if (more == null) {
          more = new StringBuilder(first);
        }
        more.append(',').append(value);
      }
    }
    return more != null ? more.toString() : first;
  }
}
