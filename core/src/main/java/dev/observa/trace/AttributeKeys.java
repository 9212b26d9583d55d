package dev.observa.trace;

import dev.observa.redaction.KeyCache;
import dev.observa.redaction.RedactionPolicy;
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

  private final KeyCache<StringKey> strings = new KeyCache<>(StringKey::new, MAX_KEYS, MAX_KEY_LENGTH);
  private final KeyCache<AttributeKey<Long>> longs = cache(AttributeKey::longKey);
  private final KeyCache<AttributeKey<Double>> doubles = cache(AttributeKey::doubleKey);
  private final KeyCache<AttributeKey<Boolean>> booleans = cache(AttributeKey::booleanKey);

  StringKey string(String name) {
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

  /**
   * A string attribute's key, and the first value of at most {@value #MAX_CLEAN_LENGTH} chars that the redaction
   * policy and the length bound left unchanged for it, with that policy and bound. Written once (from null), racily: a
   * reader sees null or the complete memo (final fields), and a memo only ever answers for its own value instance
   * under its own policy and bound, which give the same answer every time (strings and policies are immutable). A
   * key's other values go through the policy, which keeps its own cache of clean values.
   */
  static final class StringKey {
    static final int MAX_CLEAN_LENGTH = 64;

    final AttributeKey<String> key;
    private Clean clean;

    private StringKey(String name) {
      this.key = AttributeKey.stringKey(name);
    }

    /**
     * @param policy the redaction policy
     * @param value a value, not null
     * @param maxLength the longest value kept
     * @return {@code SpanBuilder.bounded(policy.value(name, value), maxLength)}; the value itself, with no call into
     *     the policy, when it is this key's memo (a check small enough to inline into every caller)
     */
    String safe(RedactionPolicy policy, String value, int maxLength) {
      Clean memo = clean;
      return memo != null && memo.value == value && memo.policy == policy && memo.maxLength == maxLength ? value
          : redact(policy, value, maxLength);
    }

    private String redact(RedactionPolicy policy, String value, int maxLength) {
      String out = SpanBuilder.bounded(policy.value(key.getKey(), value), maxLength);
      if (clean == null && out == value && value.length() <= MAX_CLEAN_LENGTH) {
        clean = new Clean(policy, value, maxLength);
      }
      return out;
    }

    private record Clean(RedactionPolicy policy, String value, int maxLength) {}
  }
}
