package dev.observa.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a key names a secret by its parts: the key is split on every non-alphanumeric char, at
 * camelCase humps and at letter/digit changes, lower-cased, and each run of up to three adjacent parts is
 * compared with the words ({@code x-api-key} holds {@code apikey}); a single part also matches when it ends
 * with a word of five letters or more ({@code accesstoken}). A key whose last part is a neutral measure
 * ({@code token_count}, {@code password_length}) is not a secret. Immutable; thread-safe.
 */
final class SecretKeys {
  /** Last parts that describe a secret without holding it. */
  private static final Set<String> NEUTRAL = Set.of("count", "length", "len", "size", "limit", "type", "ttl",
      "expiry", "expires", "expiration", "duration", "timeout", "enabled", "required", "policy", "version",
      "algorithm", "alg", "domain", "path", "name", "present", "valid");

  private final Set<String> words;
  private final String[] suffixWords;

  SecretKeys(Set<String> words) {
    this.words = Set.copyOf(words);
    this.suffixWords = words.stream().filter(w -> w.length() >= 5).sorted().toArray(String[]::new);
  }

  /** @return the key's lower-case alphanumeric parts, in order */
  static List<String> parts(String key) {
    List<String> parts = new ArrayList<>(4);
    StringBuilder part = new StringBuilder();
    char previous = 0;
    for (int i = 0, n = key.length(); i < n; i++) {
      char c = key.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(part, parts);
        previous = 0;
        continue;
      }
      boolean boundary = previous != 0 && (
          Character.isLowerCase(previous) && Character.isUpperCase(c)
          || Character.isLetter(previous) != Character.isLetter(c)
          || Character.isUpperCase(previous) && Character.isUpperCase(c) && i + 1 < n
              && Character.isLowerCase(key.charAt(i + 1)));
      if (boundary) {
        flush(part, parts);
      }
      part.append(c);
      previous = c;
    }
    flush(part, parts);
    return parts;
  }

  private static void flush(StringBuilder part, List<String> parts) {
    if (part.length() > 0) {
      parts.add(part.toString().toLowerCase(Locale.ROOT));
      part.setLength(0);
    }
  }

  /**
   * @param key a key
   * @return whether it names a secret
   */
  boolean matches(String key) {
    List<String> parts = parts(key);
    int n = parts.size();
    if (n == 0 || n > 1 && NEUTRAL.contains(parts.get(n - 1))) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      String single = parts.get(i);
      if (words.contains(single) || endsWithWord(single)) {
        return true;
      }
      String run = single;
      for (int j = i + 1; j < Math.min(n, i + 3); j++) {
        run = run.concat(parts.get(j));
        if (words.contains(run)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean endsWithWord(String part) {
    for (String word : suffixWords) {
      if (part.length() > word.length() && part.endsWith(word)) {
        return true;
      }
    }
    return false;
  }

  /** @return the words */
  Set<String> words() {
    return words;
  }
}
