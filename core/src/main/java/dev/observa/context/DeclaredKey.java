package dev.observa.context;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one declaration of a context key (a baggage key or the tenant) and of the sinks it may reach.
 *
 * <pre>{@code
 * DeclaredKey greeting = DeclaredKey.builder("greeting")
 *     .routes(Route.PROPAGATE, Route.LOG, Route.SPAN_ATTRIBUTE)
 *     .build();
 * DeclaredKey region = DeclaredKey.builder("region")
 *     .routes(Route.LOG)
 *     .metricTagValues("eu", "us")   // bounded: anything else is tagged "other"
 *     .build();
 * }</pre>
 *
 * <p>A key may become a metric tag only with a bounded set of values, so an attacker who controls
 * inbound baggage cannot create unbounded series. Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class DeclaredKey {
  /** The tag value used for a metric-tag key whose value is outside the declared set. */
  public static final String OTHER_TAG_VALUE = "other";

  private static final Pattern KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_.\\-]{0,63}");

  private final String name;
  /** Whether {@link #name} is {@value DeclaredKeys#TENANT}: asked on every span start. */
  private final boolean tenant;
  /** {@link #routes} as bits by ordinal: asked on every span start and log line. */
  private final int routeBits;
  private final Set<Route> routes;
  private final Set<String> metricTagValues;
  /** Each allowed tag value's position in {@link #metricTagValues} (read on every record of a tagged metric). */
  private final Map<String, Integer> tagPositions = new HashMap<>();

  private DeclaredKey(Builder builder) {
    this.name = builder.name;
    this.tenant = DeclaredKeys.TENANT.equals(name);
    EnumSet<Route> r = builder.routes.isEmpty() ? EnumSet.noneOf(Route.class) : EnumSet.copyOf(builder.routes);
    if (!builder.metricTagValues.isEmpty()) {
      r.add(Route.METRIC_TAG);
    }
    int bits = 0;
    for (Route each : r) {
      bits |= 1 << each.ordinal();
    }
    this.routeBits = bits;
    this.routes = Collections.unmodifiableSet(r);
    this.metricTagValues = Collections.unmodifiableSet(new LinkedHashSet<>(builder.metricTagValues));
    for (String value : metricTagValues) {
      tagPositions.put(value, tagPositions.size());
    }
  }

  /**
   * Starts a declaration.
   *
   * @param name the key: a letter, then letters, digits, {@code _ . -}; at most 64 characters
   * @return a builder
   * @throws IllegalArgumentException if the name does not follow that rule
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** @return the key name, as it appears in baggage, log fields and span attributes */
  public String name() {
    return name;
  }

  /**
   * @return whether this declares the tenant (its name is {@value DeclaredKeys#TENANT}), whose value a context
   *     holds apart from baggage
   */
  public boolean isTenant() {
    return tenant;
  }

  /** @return the sinks this key reaches; never null */
  public Set<Route> routes() {
    return routes;
  }

  /**
   * @param route a sink
   * @return whether this key reaches it
   */
  public boolean routesTo(Route route) {
    return (routeBits & 1 << route.ordinal()) != 0;
  }

  /** @return the bounded set of values allowed as metric tag values; empty if not a metric tag */
  public Set<String> metricTagValues() {
    return metricTagValues;
  }

  /**
   * Maps a value to the metric tag value this key allows: the value itself when declared, otherwise
   * {@link #OTHER_TAG_VALUE}.
   *
   * @param value a context value, may be null
   * @return a value from the declared set or {@code other}
   */
  public String boundedTagValue(String value) {
    return metricTagIndex(value) < metricTagValues.size() ? value : OTHER_TAG_VALUE;
  }

  /**
   * {@link #boundedTagValue} as a position: the value's place in {@link #metricTagValues()} (declaration
   * order), or {@code metricTagValues().size()} for {@value #OTHER_TAG_VALUE}, so a metrics backend can keep
   * its series per position: {@code int at = key.metricTagIndex("eu"); // 0 for metricTagValues("eu", "us")}.
   *
   * @param value a context value, may be null
   * @return its position among the declared values, or their number when it is not one of them
   */
  public int metricTagIndex(String value) {
    Integer at = value == null ? null : tagPositions.get(value);
    return at == null ? tagPositions.size() : at;
  }

  @Override
  public String toString() {
    return "DeclaredKey{" + name + " -> " + routes + (metricTagValues.isEmpty() ? "" : " tags " + metricTagValues) + "}";
  }

  /** Builds a {@link DeclaredKey}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final EnumSet<Route> routes = EnumSet.noneOf(Route.class);
    private final Set<String> metricTagValues = new LinkedHashSet<>();

    private Builder(String name) {
      if (name == null || !KEY.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "Context key '" + name + "' is invalid: it must start with a letter and contain only letters,"
                + " digits, '_', '.', '-' (at most 64 characters)");
      }
      this.name = name;
    }

    /**
     * Adds sinks. {@link Route#METRIC_TAG} cannot be added here; use {@link #metricTagValues}.
     *
     * @param routes the sinks
     * @return this
     * @throws IllegalArgumentException if {@code METRIC_TAG} is given without bounded values
     */
    public Builder routes(Route... routes) {
      for (Route route : routes) {
        if (route == Route.METRIC_TAG) {
          throw new IllegalArgumentException(
              "Context key '" + name + "': METRIC_TAG needs a bounded value set; call metricTagValues(...)");
        }
        this.routes.add(Objects.requireNonNull(route, "route"));
      }
      return this;
    }

    /**
     * Lets this key become a metric tag, limited to the given values; any other value is tagged
     * {@value DeclaredKey#OTHER_TAG_VALUE}.
     *
     * @param values the allowed values, at least one
     * @return this
     */
    public Builder metricTagValues(String... values) {
      if (values.length == 0) {
        throw new IllegalArgumentException("Context key '" + name + "': metricTagValues needs at least one value");
      }
      for (String value : values) {
        metricTagValues.add(Objects.requireNonNull(value, "metric tag value"));
      }
      return this;
    }

    /** @return the immutable declaration */
    public DeclaredKey build() {
      return new DeclaredKey(this);
    }
  }
}
