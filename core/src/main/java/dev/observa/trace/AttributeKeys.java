package dev.observa.trace;

import io.opentelemetry.api.common.AttributeKey;
import java.util.concurrent.ConcurrentHashMap;
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

  private final ConcurrentHashMap<String, AttributeKey<String>> strings = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AttributeKey<Long>> longs = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AttributeKey<Double>> doubles = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AttributeKey<Boolean>> booleans = new ConcurrentHashMap<>();

  AttributeKey<String> string(String name) {
    return cached(strings, name, AttributeKey::stringKey);
  }

  AttributeKey<Long> longKey(String name) {
    return cached(longs, name, AttributeKey::longKey);
  }

  AttributeKey<Double> doubleKey(String name) {
    return cached(doubles, name, AttributeKey::doubleKey);
  }

  AttributeKey<Boolean> booleanKey(String name) {
    return cached(booleans, name, AttributeKey::booleanKey);
  }

  /** @return how many string keys are kept */
  int stringKeysKept() {
    return strings.size();
  }

  private static <T> AttributeKey<T> cached(ConcurrentHashMap<String, AttributeKey<T>> cache, String name,
      Function<String, AttributeKey<T>> make) {
    AttributeKey<T> key = cache.get(name);
    if (key != null) {
      return key;
    }
    key = make.apply(name);
    if (name.length() <= MAX_KEY_LENGTH && cache.size() < MAX_KEYS) {
      AttributeKey<T> raced = cache.putIfAbsent(name, key);
      return raced != null ? raced : key;
    }
    return key;
  }
}
