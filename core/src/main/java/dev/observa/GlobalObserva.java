package dev.observa;

/** Holds the process-wide instance behind {@link Observa#global()}; no-op until one is set. */
final class GlobalObserva {
  private static volatile Observa instance;

  private GlobalObserva() {}

  /** @return the global instance, or null when none is set */
  static Observa get() {
    return instance;
  }

  /**
   * @param observa the new global instance, or null to go back to no-op
   * @return the previous one, or null
   */
  static synchronized Observa set(Observa observa) {
    Observa previous = instance;
    instance = observa;
    return previous;
  }

  /**
   * Clears the global instance if it is this one (called when an instance closes).
   *
   * @param observa the closing instance
   */
  static synchronized void clearIf(Observa observa) {
    if (instance == observa) {
      instance = null;
    }
  }
}
