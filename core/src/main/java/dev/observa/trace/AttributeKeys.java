package dev.observa.trace;

import dev.observa.redaction.KeyCache;
import io.opentelemetry.api.common.AttributeKey;
import java.util.function.Function;

/**
 * OpenTelemetry {@link AttributeKey}s by name, made once: the SDK's {@code setAttribute(String, value)} makes a
 * new key object for every call, so a span attribute set by name costs a key allocation; here the same name
 * gives the same immutable key (equal to a fresh one). Bounded: at most {@value #MAX_KEYS} names per type, of at
 * most {@value #MAX_KEY_LENGTH} characters, are kept; other names get a fresh key each time, as in the SDK.
 * Thread-safe.
 */
final class AttributeKeys {
  static final int MAX_KEYS = 1024;
  static final int MAX_KEY_LENGTH = 128;

  /** The keys every span builder of the process uses: they are immutable values, equal to fresh ones. */
  static final AttributeKeys SHARED = new AttributeKeys();

  private final KeyCache<AttributeKey<String>> strings = cache(AttributeKey::stringKey);
  private final KeyCache<AttributeKey<Long>> longs = cache(AttributeKey::longKey);
  private final KeyCache<AttributeKey<Double>> doubles = cache(AttributeKey::doubleKey);
  private final KeyCache<AttributeKey<Boolean>> booleans = cache(AttributeKey::booleanKey);

  AttributeKey<String> string(String name) {
    return strings.get(name);
  }

  AttributeKey<Long> longKey(String name) {
    return longs.get(name);
  }

  AttributeKey<Double> doubleKey(String name) {
    return doubles.get(name);
  }

  AttributeKey<Boolean> booleanKey(String name) {
    return booleans.get(name);
  }

  /** @return how many string keys are kept */
  int stringKeysKept() {
    return strings.size();
  }

  private static <T> KeyCache<AttributeKey<T>> cache(Function<String, AttributeKey<T>> make) {
    return new KeyCache<>(make, MAX_KEYS, MAX_KEY_LENGTH);
  }
}
