package dev.observa.logging.internal;

import java.util.Set;

/**
 * Recognises log-call arguments whose text cannot change after the call: strings, boxed primitives and a
 * few immutable JDK value types (exact classes only, so no subclass can override {@code toString}).
 */
public final class ImmutableArguments {
  private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Integer.class, Long.class, Short.class,
      Byte.class, Double.class, Float.class, Boolean.class, Character.class, java.util.UUID.class,
      java.math.BigDecimal.class, java.math.BigInteger.class, java.time.Instant.class, java.time.Duration.class,
      java.time.LocalDate.class, java.time.LocalDateTime.class, java.time.OffsetDateTime.class);

  private ImmutableArguments() {}

  /**
   * @param arguments a log call's arguments, may be null
   * @return whether every one is null or of an immutable type, so the message may be formatted later
   */
  public static boolean all(Object[] arguments) {
    if (arguments == null) {
      return true;
    }
    for (Object argument : arguments) {
      if (argument != null && !isImmutable(argument.getClass())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isImmutable(Class<?> type) {
    // the common cases without a hash lookup
    return type == String.class || type == Integer.class || type == Long.class || IMMUTABLE.contains(type);
  }
}
