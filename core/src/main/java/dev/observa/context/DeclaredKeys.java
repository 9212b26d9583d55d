package dev.observa.context;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The immutable set of {@link DeclaredKey declared context keys} of one {@code Observa} instance.
 *
 * <p>The tenant is always declared under the name {@value #TENANT}; by default it is written to logs
 * and span attributes and is not propagated. Declaring a key named {@code tenant} replaces that default.
 *
 * @since 0.1.0
 */
public final class DeclaredKeys {
  /** The name under which the tenant is declared and written. */
  public static final String TENANT = "tenant";

  private static final DeclaredKey DEFAULT_TENANT =
      DeclaredKey.builder(TENANT).routes(Route.LOG, Route.SPAN_ATTRIBUTE).build();

  private static final DeclaredKeys DEFAULTS = new DeclaredKeys(List.of());

  private final Map<String, DeclaredKey> byName;
  private final List<DeclaredKey> baggageKeys;
  /** {@code byName.get(TENANT)}, kept: every span start asks for it. */
  private final DeclaredKey tenant;
  /** By {@link Route#ordinal()}: the baggage keys reaching that route, then the tenant if it does. */
  private final List<List<DeclaredKey>> byRoute;
  /** By {@link Route#ordinal()}: whether a baggage key reaches that route. */
  private final boolean[] baggageReaches;

  private DeclaredKeys(Collection<DeclaredKey> keys) {
    Map<String, DeclaredKey> map = new LinkedHashMap<>();
    map.put(TENANT, DEFAULT_TENANT);
    for (DeclaredKey key : keys) {
      map.put(key.name(), key);
    }
    this.byName = Collections.unmodifiableMap(map);
    this.tenant = map.get(TENANT);
    List<DeclaredKey> baggage = new ArrayList<>(map.values());
    baggage.removeIf(DeclaredKey::isTenant);
    this.baggageKeys = List.copyOf(baggage);
    List<List<DeclaredKey>> routed = new ArrayList<>();
    this.baggageReaches = new boolean[Route.values().length];
    for (Route route : Route.values()) {
      List<DeclaredKey> reaching = new ArrayList<>();
      for (DeclaredKey key : baggageKeys) {
        if (key.routesTo(route)) {
          reaching.add(key);
        }
      }
      baggageReaches[route.ordinal()] = !reaching.isEmpty();
      if (tenant.routesTo(route)) {
        reaching.add(tenant);
      }
      routed.add(List.copyOf(reaching));
    }
    this.byRoute = List.copyOf(routed);
  }

  /**
   * @param keys the declarations; a later one with the same name replaces an earlier one
   * @return the set
   */
  public static DeclaredKeys of(Collection<DeclaredKey> keys) {
    return keys.isEmpty() ? DEFAULTS : new DeclaredKeys(keys);
  }

  /** @return the set holding only the default tenant declaration */
  public static DeclaredKeys defaults() {
    return DEFAULTS;
  }

  /**
   * @param name a key name
   * @return its declaration, or null when undeclared
   */
  public DeclaredKey get(String name) {
    return byName.get(name);
  }

  /**
   * @param name a key name, may be null
   * @param route a sink
   * @return whether the key is declared and reaches that sink
   */
  public boolean routes(String name, Route route) {
    DeclaredKey key = name == null ? null : byName.get(name);
    return key != null && key.routesTo(route);
  }

  /** @return the declaration of the tenant */
  public DeclaredKey tenant() {
    return tenant;
  }

  /** @return every declared baggage key (all but the tenant), in declaration order */
  public List<DeclaredKey> baggageKeys() {
    return baggageKeys;
  }

  /**
   * The keys a sink copies from a context, worked out once: every span start asks for
   * {@link Route#SPAN_ATTRIBUTE}'s.
   *
   * @param route a sink
   * @return the declared baggage keys that reach it, in declaration order, then the tenant if it reaches it
   */
  public List<DeclaredKey> routedTo(Route route) {
    return byRoute.get(route.ordinal());
  }

  /**
   * Whether a context can hold a value for a sink to copy: false when no declared baggage key reaches the route and
   * either the tenant does not or no tenant was ever set in this class loader ({@link ObservaContext#withTenant}),
   * so a span start skips {@link #routedTo} and the look into its context altogether until one is.
   *
   * @param route a sink
   * @return whether {@link #routedTo routedTo(route)} can give a key with a value in some context
   */
  public boolean mayHaveValues(Route route) {
    return baggageReaches[route.ordinal()] || (ObservaContext.tenantsEverSet() && tenant.routesTo(route));
  }

  /** @return every declaration including the tenant */
  public Collection<DeclaredKey> all() {
    return byName.values();
  }

  @Override
  public String toString() {
    return "DeclaredKeys" + byName.values();
  }
}
