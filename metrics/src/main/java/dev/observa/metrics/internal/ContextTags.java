package dev.observa.metrics.internal;

import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.Route;
import dev.observa.spi.ObservaSettings;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * The context keys declared with {@link Route#METRIC_TAG} (the tenant, allow-listed baggage keys): their
 * label names, and their bounded values read from the current context at record time.
 */
final class ContextTags {
  /**
   * Up to this many tag-value combinations an instrument finds its series by position ({@link TagPositions}:
   * an array of this many references at most); beyond, in a {@link TagValuesTable} keyed by the values.
   */
  static final int MAX_POSITIONS = 256;

  private final ObservaSettings settings;
  private final DeclaredKey[] keys;
  private final String[] labelNames;

  ContextTags(ObservaSettings settings) {
    this.settings = settings;
    DeclaredKeys declared = settings.declaredKeys();
    List<DeclaredKey> tagged = new ArrayList<>();
    for (DeclaredKey key : declared.all()) {
      if (key.routesTo(Route.METRIC_TAG)) {
        tagged.add(key);
      }
    }
    this.keys = tagged.toArray(DeclaredKey[]::new);
    this.labelNames = tagged.stream().map(k -> PrometheusNames.labelName(k.name())).toArray(String[]::new);
  }

  boolean isEmpty() {
    return keys.length == 0;
  }

  String[] labelNames() {
    return labelNames;
  }

  /**
   * @param family the instrument's family
   * @param base the instrument's own label values
   * @param capacity the most tag-value combinations remembered (the family's series budget)
   * @return the instrument's series for the current context, resolved without allocating once seen
   */
  <D> Instruments.Series<D> series(GuardedFamily<D> family, String[] base, int capacity) {
    if (TagPositions.positions(keys) <= MAX_POSITIONS) {
      return new TagPositions<>(settings, keys, family, base);
    }
    TagValuesTable<D> resolved = new TagValuesTable<>(Math.max(1, capacity));
    Route route = Route.METRIC_TAG;
    return switch (keys.length) {
      case 1 -> () -> {
        String value = settings.contextValue(Context.current(), keys[0], route);
        D point = resolved.get(value);
        return point != null ? point : resolve(family, base, resolved, value);
      };
      case 2 -> () -> {
        Context context = Context.current();
        String first = settings.contextValue(context, keys[0], route);
        String second = settings.contextValue(context, keys[1], route);
        D point = resolved.get(first, second);
        return point != null ? point : resolve(family, base, resolved, first, second);
      };
      default -> () -> {
        Context context = Context.current();
        String[] values = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
          values[i] = settings.contextValue(context, keys[i], route);
        }
        D point = resolved.get(values);
        return point != null ? point : resolve(family, base, resolved, values);
      };
    };
  }

  private static <D> D resolve(GuardedFamily<D> family, String[] base, TagValuesTable<D> resolved, String... values) {
    String[] all = java.util.Arrays.copyOf(base, base.length + values.length);
    System.arraycopy(values, 0, all, base.length, values.length);
    D point = family.dataPoint(all);
    resolved.put(values, point);
    return point;
  }

  /**
   * @param base the instrument's own label values
   * @return base followed by {@code other} for each tagged key (no context)
   */
  String[] appendNone(String[] base) {
    String[] values = java.util.Arrays.copyOf(base, base.length + keys.length);
    for (int i = 0; i < keys.length; i++) {
      values[base.length + i] = DeclaredKey.OTHER_TAG_VALUE;
    }
    return values;
  }
}
