package dev.observa.internal;

import dev.observa.log.Field;
import dev.observa.log.Level;
import dev.observa.log.Logger;
import dev.observa.spi.LoggingBackend;

/** A logger that writes nothing, and the backend that hands it out. */
public final class NoopLogger implements Logger, LoggingBackend {
  /** The instance. */
  public static final NoopLogger INSTANCE = new NoopLogger();

  private NoopLogger() {}

  @Override
  public Logger logger(String name) {
    return this;
  }

  @Override
  public String name() {
    return "noop";
  }

  @Override
  public boolean isEnabled(Level level) {
    return false;
  }

  @Override
  public void log(Level level, String message, Field... fields) {}

  @Override
  public Logger with(Field... fields) {
    return this;
  }

  @Override
  public Logger named(String child) {
    return this;
  }
}
