package dev.observa.metrics.internal;

import dev.observa.context.DeclaredKey;
import dev.observa.spi.ObservaSettings;
import io.opentelemetry.context.Context;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The series of an instrument with context tags, found by position: each tagged key's bounded value is a
 * position among its declared values ({@link ObservaSettings#contextTagIndex}, {@code other} last), the
 * positions of all keys make one index, and the index picks the series from an array filled on first use.
 * A record reads the context's tags once and an array slot: no hashing, no lock, no allocation. Used while
 * the combinations are few ({@link ContextTags#MAX_POSITIONS}); a racing first use resolves the same series
 * twice, which is harmless.
 *
 * @param <D> what a record goes into
 */
final class TagPositions<D> implements Instruments.Series<D> {
  private static final VarHandle POINTS = MethodHandles.arrayElementVarHandle(Object[].class);

  private final ObservaSettings settings;
  private final DeclaredKey first;
  private final DeclaredKey[] keys;
  /** Per key: its declared values by position; {@code other} is the position after the last. */
  private final String[][] values;
  private final GuardedFamily<D> family;
  private final String[] base;
  private final Object[] points;

  /**
   * @param settings the one accessor of context values
   * @param keys the tagged keys, in label order
   * @param family the instrument's family
   * @param base the instrument's own label values, before the tags
   */
  TagPositions(ObservaSettings settings, DeclaredKey[] keys, GuardedFamily<D> family, String[] base) {
    this.settings = settings;
    this.first = keys[0];
    this.keys = keys.clone();
    this.values = new String[keys.length][];
    int size = 1;
    for (int k = 0; k < keys.length; k++) {
      values[k] = keys[k].metricTagValues().toArray(String[]::new);
      size *= values[k].length + 1;
    }
    this.family = family;
    this.base = base.clone();
    this.points = new Object[size];
  }

  /** @return how many positions {@code keys} make: the product of each key's values plus {@code other} */
  static long positions(DeclaredKey[] keys) {
    long size = 1;
    for (DeclaredKey key : keys) {
      size *= key.metricTagValues().size() + 1L; // both factors below 2^31: no overflow
      if (size > Integer.MAX_VALUE) {
        return Long.MAX_VALUE;
      }
    }
    return size;
  }

  @Override
  @SuppressWarnings("unchecked")
  public D get() {
    Context context = Context.current();
    int at = settings.contextTagIndex(context, first);
    for (int k = 1; k < keys.length; k++) {
      at = at * (values[k].length + 1) + settings.contextTagIndex(context, keys[k]);
    }
    Object point = POINTS.getAcquire(points, at);
    return point != null ? (D) point : resolve(at);
  }

  private D resolve(int at) {
    String[] all = Arrays.copyOf(base, base.length + keys.length);
    int rest = at;
    for (int k = keys.length - 1; k >= 0; k--) {
      int radix = values[k].length + 1;
      int position = rest % radix;
      rest /= radix;
      all[base.length + k] = position < values[k].length ? values[k][position] : DeclaredKey.OTHER_TAG_VALUE;
    }
    D point = family.dataPoint(all);
    POINTS.setRelease(points, at, point);
    return point;
  }
}
