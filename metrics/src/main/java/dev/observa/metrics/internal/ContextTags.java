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
   * @param base the instrument's own label values
   * @return base followed by the current context's bounded values for each tagged key
   */
  String[] appendCurrent(String[] base) {
    String[] values = java.util.Arrays.copyOf(base, base.length + keys.length);
    Context context = Context.current();
    for (int i = 0; i < keys.length; i++) {
      values[base.length + i] = settings.contextValue(context, keys[i], Route.METRIC_TAG);
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
