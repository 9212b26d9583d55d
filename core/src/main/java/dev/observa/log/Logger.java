package dev.observa.log;

/**
 * A named, structured logger of the facade. Lines carry the shared context (trace id, span id,
 * declared baggage, tenant) and the given typed fields.
 *
 * <pre>{@code
 * Logger log = obs.logger("my-app");
 * log.info("failed to fetch URL", field("url", url), field("attempt", 3));
 * Logger db = log.named("db").with(field("pool", "primary"));  // "my-app.db", always with pool=primary
 * }</pre>
 *
 * <p>Calls at a disabled level cost a level check. Nothing thrown while formatting or writing reaches
 * the caller. Thread-safe.
 *
 * @since 0.1.0
 */
public interface Logger {
  /** @return the logger name, e.g. {@code my-app.db} */
  String name();

  /**
   * @param level a level
   * @return whether lines at that level are written
   */
  boolean isEnabled(Level level);

  /**
   * @param level the level
   * @param message the message, written literally (nothing in it is evaluated)
   * @param fields typed fields
   */
  void log(Level level, String message, Field... fields);

  /**
   * @param message the message
   * @param fields typed fields
   */
  default void trace(String message, Field... fields) {
    log(Level.TRACE, message, fields);
  }

  /**
   * @param message the message
   * @param fields typed fields
   */
  default void debug(String message, Field... fields) {
    log(Level.DEBUG, message, fields);
  }

  /**
   * @param message the message
   * @param fields typed fields
   */
  default void info(String message, Field... fields) {
    log(Level.INFO, message, fields);
  }

  /**
   * @param message the message
   * @param fields typed fields
   */
  default void warn(String message, Field... fields) {
    log(Level.WARN, message, fields);
  }

  /**
   * @param message the message
   * @param fields typed fields
   */
  default void error(String message, Field... fields) {
    log(Level.ERROR, message, fields);
  }

  /**
   * @param fields fields every line of the child logger carries
   * @return a child logger with the same name
   */
  Logger with(Field... fields);

  /**
   * @param child a name segment
   * @return a logger named {@code name() + "." + child}, carrying this logger's fields
   */
  Logger named(String child);
}
