package dev.observa.metrics.internal;

import dev.observa.context.DeclaredKey;
import dev.observa.context.DeclaredKeys;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * The context keys declared with {@link Route#METRIC_TAG} (the tenant, allow-listed baggage keys): their
 * label names, and their bounded values read from the current context at record time.
 */
final class ContextTags {
  private final DeclaredKey[] keys;
  private final String[] labelNames;

  ContextTags(DeclaredKeys declared) {
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
   * @param base the instrument's own label values
   * @return base followed by the current context's bounded values for each tagged key
   */
  String[] appendCurrent(String[] base) {
    String[] values = java.util.Arrays.copyOf(base, base.length + keys.length);
    ObservaContext context = ObservaContext.current();
    for (int i = 0; i < keys.length; i++) {
      DeclaredKey key = keys[i];
      String raw = key.name().equals(DeclaredKeys.TENANT) ? context.tenant() : context.baggageValue(key.name());
      values[base.length + i] = key.boundedTagValue(raw);
    }
    return values;
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
