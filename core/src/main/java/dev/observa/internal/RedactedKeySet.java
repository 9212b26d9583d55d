package dev.observa.internal;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The lower-cased redacted keys, with a case-insensitive test fast enough to run for every log field and
 * span attribute: most keys are rejected by their length and first letter alone, without hashing or
 * comparing (keys starting with a non-ASCII char always take the full test). Immutable.
 */
public final class RedactedKeySet extends AbstractSet<String> {
  private final Set<String> keys;
  /** Bit n set when some key has length n (lengths of 64 and more share bit 63). */
  private final long lengths;
  /** Bit c set when some key starts with ASCII char c (below 64; {@code firstChars1} for 64..127). */
  private final long firstChars0;
  private final long firstChars1;

  /** @param keys the keys, any case */
  public RedactedKeySet(Set<String> keys) {
    Set<String> lowered = new LinkedHashSet<>();
    long lengthBits = 0;
    long first0 = 0;
    long first1 = 0;
    for (String key : keys) {
      String lower = key.toLowerCase(Locale.ROOT);
      if (lower.isEmpty() || !lowered.add(lower)) {
        continue;
      }
      lengthBits |= 1L << Math.min(lower.length(), 63);
      char c = lower.charAt(0);
      if (c < 64) {
        first0 |= 1L << c;
      } else if (c < 128) {
        first1 |= 1L << (c - 64);
      }
    }
    this.keys = Set.copyOf(lowered);
    this.lengths = lengthBits;
    this.firstChars0 = first0;
    this.firstChars1 = first1;
  }

  /**
   * @param key a key, may be null
   * @return whether it equals one of the keys, ignoring case
   */
  public boolean matchesIgnoreCase(String key) {
    if (key == null || keys.isEmpty() || key.isEmpty()) {
      return false;
    }
    if ((lengths & (1L << Math.min(key.length(), 63))) == 0) {
      return false;
    }
    char c = key.charAt(0);
    if (c < 128) {
      char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
      boolean possible = lower < 64 ? (firstChars0 & (1L << lower)) != 0 : (firstChars1 & (1L << (lower - 64))) != 0;
      if (!possible) {
        return false;
      }
    }
    if (keys.contains(key)) {
      return true;
    }
    for (int i = 0, n = key.length(); i < n; i++) {
      char ch = key.charAt(i);
      if (ch != Character.toLowerCase(ch)) {
        return keys.contains(key.toLowerCase(Locale.ROOT));
      }
    }
    return false;
  }

  @Override
  public boolean contains(Object o) {
    return o instanceof String s && matchesIgnoreCase(s);
  }

  @Override
  public Iterator<String> iterator() {
    return keys.iterator();
  }

  @Override
  public int size() {
    return keys.size();
  }
}
