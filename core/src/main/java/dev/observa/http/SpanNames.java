package dev.observa.http;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code {method} {route}} span names of {@link HttpExchange}, kept per route so that naming a request's
 * span at its end does not build the same string again on every request. Routes are the framework's matched
 * templates, a set the application bounds; past {@value #MAX_ROUTES} routes names are built and not kept.
 * Thread-safe.
 */
final class SpanNames {
  /** The most routes whose names are kept. */
  static final int MAX_ROUTES = 1024;

  /** The names built by every exchange of the JVM. */
  static final SpanNames SHARED = new SpanNames();

  /** By route: method, name, method, name… (a route is served by few methods); replaced when one is added. */
  private final ConcurrentHashMap<String, String[]> byRoute = new ConcurrentHashMap<>();

  /**
   * @param method {@code GET}, … or {@code HTTP} for an unknown method
   * @param route a route template, not null
   * @return {@code method + " " + route}
   */
  String of(String method, String route) {
    String[] names = byRoute.get(route);
    if (names != null) {
      for (int i = 0; i < names.length; i += 2) {
        if (names[i].equals(method)) {
          return names[i + 1];
        }
      }
    }
    String name = method + " " + route;
    if (names != null || byRoute.size() < MAX_ROUTES) {
      byRoute.compute(route, (key, known) -> {
        if (known == null) {
          return new String[] {method, name};
        }
        for (int i = 0; i < known.length; i += 2) {
          if (known[i].equals(method)) {
            return known;
          }
        }
        String[] grown = Arrays.copyOf(known, known.length + 2);
        grown[known.length] = method;
        grown[known.length + 1] = name;
        return grown;
      });
    }
    return name;
  }

  /** @return how many routes have names kept, for tests */
  int routes() {
    return byRoute.size();
  }
}
