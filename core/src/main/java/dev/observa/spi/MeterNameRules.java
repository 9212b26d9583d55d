package dev.observa.spi;

import java.util.regex.Pattern;

/**
 * For implementers: the naming rules every instrument name and tag key must follow so that it maps onto the Prometheus
 * data model once dots become underscores. Checked at build time, never at record time.
 */
public final class MeterNameRules {
  /** The rule for names, quoted in error messages. */
  public static final String NAME_RULE =
      "lower.dot.case or snake_case that matches [a-zA-Z_:][a-zA-Z0-9_:]* once dots become underscores"
          + " (not empty, no spaces, not starting with a digit, no empty dot segments)";

  /** The rule for tag keys, quoted in error messages. */
  public static final String TAG_KEY_RULE =
      "matches [a-zA-Z_][a-zA-Z0-9_]* once dots become underscores, does not start with '__',"
          + " and is not the reserved 'le' or 'quantile'";

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:](?:[a-zA-Z0-9_:]|\\.(?=[a-zA-Z0-9_:]))*");
  private static final Pattern TAG_KEY = Pattern.compile("[a-zA-Z_](?:[a-zA-Z0-9_]|\\.(?=[a-zA-Z0-9_]))*");
  private static final Pattern UNIT = Pattern.compile("[a-z][a-z0-9_]*");

  private MeterNameRules() {}

  /**
   * @param name an instrument name
   * @return the name
   * @throws IllegalArgumentException naming the rule and the name
   */
  public static String requireValidName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Metric name '" + name + "' is invalid: it must be " + NAME_RULE);
    }
    return name;
  }

  /**
   * @param meterName the instrument the key belongs to, for the message
   * @param key a tag key
   * @return the key
   * @throws IllegalArgumentException naming the rule, the key and the instrument
   */
  public static String requireValidTagKey(String meterName, String key) {
    if (key == null || !TAG_KEY.matcher(key).matches() || key.startsWith("__")
        || key.equals("le") || key.equals("quantile")) {
      throw new IllegalArgumentException(
          "Tag key '" + key + "' of metric '" + meterName + "' is invalid: it must be a key that " + TAG_KEY_RULE);
    }
    return key;
  }

  /**
   * @param meterName the instrument, for the message
   * @param unit a base unit such as {@code seconds} or {@code bytes}
   * @return the unit
   * @throws IllegalArgumentException if it is not lower-case letters, digits and underscores
   */
  public static String requireValidUnit(String meterName, String unit) {
    if (unit == null || !UNIT.matcher(unit).matches()) {
      throw new IllegalArgumentException(
          "Base unit '" + unit + "' of metric '" + meterName + "' is invalid: it must match [a-z][a-z0-9_]*,"
              + " e.g. seconds or bytes");
    }
    return unit;
  }
}
