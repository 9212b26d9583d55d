package dev.observa.log;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A typed key-value pair attached to a log line, written by type without reflection (like zap's fields).
 *
 * <pre>{@code
 * import static dev.observa.log.Field.field;
 * log.info("failed to fetch URL", field("url", url), field("attempt", 3), field("backoff", Duration.ofSeconds(1)));
 * }</pre>
 *
 * <p>A null key is written as {@code "null"}; a null value is written as JSON {@code null}. Values are
 * not copied: a map or list is read when the line is encoded. Immutable if the value is.
 *
 * @since 0.1.0
 */
public final class Field {
  private final String key;
  private final Object value;

  private Field(String key, Object value) {
    this.key = key == null ? "null" : key;
    this.value = value;
  }

  /**
   * @param key the field name
   * @param value a string
   * @return the field
   */
  public static Field field(String key, String value) {
    return new Field(key, value);
  }

  /**
   * @param key the field name
   * @param value an integer, written as a JSON number
   * @return the field
   */
  public static Field field(String key, long value) {
    return new Field(key, value);
  }

  /**
   * @param key the field name
   * @param value a floating-point number; NaN and infinities are written as strings
   * @return the field
   */
  public static Field field(String key, double value) {
    return new Field(key, value);
  }

  /**
   * @param key the field name
   * @param value a boolean
   * @return the field
   */
  public static Field field(String key, boolean value) {
    return new Field(key, value);
  }

  /**
   * @param key the field name
   * @param value a duration, written as ISO-8601 ({@code PT1S})
   * @return the field
   */
  public static Field field(String key, Duration value) {
    return new Field(key, value);
  }

  /**
   * @param key the field name
   * @param value an instant, written as RFC 3339 UTC
   * @return the field
   */
  public static Field field(String key, Instant value) {
    return new Field(key, value);
  }

  /**
   * @param key the field name
   * @param value an exception, written as an error object {type, message, stack_trace}
   * @return the field
   */
  public static Field field(String key, Throwable value) {
    return new Field(key, value);
  }

  /**
   * @param key the field name
   * @param value a map, written as a nested JSON object (cycles are cut)
   * @return the field
   */
  public static Field field(String key, Map<String, ?> value) {
    return new Field(key, value);
  }

  /**
   * @param key the field name
   * @param value a list, written as a JSON array
   * @return the field
   */
  public static Field field(String key, List<?> value) {
    return new Field(key, value);
  }

  /**
   * A field of any other type, written through {@code toString()}; if that throws, the line is still
   * written with a marker in this field.
   *
   * @param key the field name
   * @param value any object
   * @return the field
   */
  public static Field any(String key, Object value) {
    return new Field(key, value);
  }

  /**
   * @param error an exception
   * @return the field {@code error}
   */
  public static Field error(Throwable error) {
    return new Field("error", error);
  }

  /** @return the field name; never null */
  public String key() {
    return key;
  }

  /** @return the value as given (boxed for primitives), may be null */
  public Object value() {
    return value;
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }
}
