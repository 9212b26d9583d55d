package dev.observa.logging.internal;

import dev.observa.redaction.KeyCache;
import dev.observa.redaction.RedactionPolicy;
import java.util.HashSet;
import java.util.Set;

/**
 * How the encoder writes a member name it does not own (an MDC or key-value key): cut to
 * {@code maxKeyLength} chars, renamed with a leading {@value #RENAME_PREFIX} when it collides with a name the
 * encoder writes itself (exactly, as a dotted prefix such as {@code trace} of {@code trace.id}, or as an
 * extension such as {@code trace.id.x}), and flagged secret by the redaction policy. The outcome, the encoded
 * {@code "name":} with the flag, is kept per key in a bounded {@link KeyCache} ({@value #MAX_KEPT_KEYS} keys of
 * at most {@value #MAX_KEPT_KEY_LENGTH} chars) that every writer of these rules reads; a longer key is judged at
 * each call. Thread-safe.
 */
public final class MemberKeys {
  /** Put in front of a user key that would repeat or shadow one of the encoder's own names. */
  public static final String RENAME_PREFIX = "_";
  /** How many keys keep their encoded member. */
  static final int MAX_KEPT_KEYS = 1024;
  /** The longest key whose encoded member is kept, in chars. */
  static final int MAX_KEPT_KEY_LENGTH = 64;

  private final RedactionPolicy policy;
  private final Set<String> own;
  private final Set<String> prefixes;
  private final int maxKeyLength;
  private final KeyCache<Member> members = new KeyCache<>(this::member, MAX_KEPT_KEYS, MAX_KEPT_KEY_LENGTH);

  /** A user key as written: its encoded {@code "name":} and whether its value must be redacted. Immutable. */
  static final class Member {
    final byte[] encodedName;
    final boolean secret;

    private Member(byte[] encodedName, boolean secret) {
      this.encodedName = encodedName;
      this.secret = secret;
    }
  }

  /**
   * @param policy decides which keys are secret
   * @param ownNames the names the encoder writes itself
   * @param maxKeyLength longest key written in full
   */
  public MemberKeys(RedactionPolicy policy, Set<String> ownNames, int maxKeyLength) {
    this.policy = policy;
    Set<String> dotted = new HashSet<>();
    for (String name : ownNames) {
      for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
        dotted.add(name.substring(0, dot));
      }
    }
    this.own = Set.copyOf(ownNames);
    this.prefixes = Set.copyOf(dotted);
    this.maxKeyLength = maxKeyLength;
  }

  /** @return the policy */
  public RedactionPolicy policy() {
    return policy;
  }

  /** @return the longest key written in full */
  public int maxKeyLength() {
    return maxKeyLength;
  }

  /**
   * @param key a user key, not null
   * @return its encoded member, kept per key; null when the key is too long to be kept (write {@link #written}
   *     and ask {@link #isSecret} instead)
   */
  Member kept(String key) {
    return key.length() > MAX_KEPT_KEY_LENGTH ? null : members.get(key);
  }

  private Member member(String key) {
    return new Member(JsonWriter.encodeName(written(key)), isSecret(key));
  }

  /**
   * @param key a user key, not null
   * @return the name to write: cut and, on a collision, prefixed
   */
  String written(String key) {
    String name = key.length() > maxKeyLength ? key.substring(0, maxKeyLength) + "…" : key;
    return collides(name) ? RENAME_PREFIX + name : name;
  }

  private boolean collides(String name) {
    if (own.contains(name) || prefixes.contains(name)) {
      return true;
    }
    for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
      if (own.contains(name.substring(0, dot))) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param key a user key
   * @return whether its value must be redacted, judged on the part of the key that is written, so a huge key
   *     costs no more than a short one
   */
  boolean isSecret(String key) {
    return policy.isSecretKey(key.length() > maxKeyLength ? key.substring(0, maxKeyLength) : key);
  }
}
