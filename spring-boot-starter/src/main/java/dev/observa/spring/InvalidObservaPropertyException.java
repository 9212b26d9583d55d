package dev.observa.spring;

/**
 * An {@code observa.*} property has a value outside its allowed set; startup stops and
 * {@link ObservaFailureAnalyzer} explains which property and which values are allowed.
 *
 * @since 0.1.0
 */
public class InvalidObservaPropertyException extends IllegalArgumentException {
  private final String property;
  private final transient Object value;
  private final String allowed;

  /**
   * @param property the property name
   * @param value its value
   * @param allowed the allowed values, in words
   */
  public InvalidObservaPropertyException(String property, Object value, String allowed) {
    super("Property " + property + " is '" + value + "': allowed values are " + allowed);
    this.property = property;
    this.value = value;
    this.allowed = allowed;
  }

  /** @return the property name */
  public String property() {
    return property;
  }

  /** @return the rejected value */
  public Object value() {
    return value;
  }

  /** @return the allowed values, in words */
  public String allowed() {
    return allowed;
  }
}
