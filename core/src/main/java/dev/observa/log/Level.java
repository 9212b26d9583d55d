package dev.observa.log;

/**
 * Log levels, from the most verbose to the most severe.
 *
 * @since 0.1.0
 */
public enum Level {
  /** Fine-grained diagnostics. */
  TRACE,
  /** Diagnostics. */
  DEBUG,
  /** Normal operation. */
  INFO,
  /** Something unexpected that the application handled. */
  WARN,
  /** A failure. */
  ERROR
}
