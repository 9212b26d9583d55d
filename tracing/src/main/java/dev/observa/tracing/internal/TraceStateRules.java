package dev.observa.tracing.internal;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The W3C {@code tracestate} grammar, checked before OpenTelemetry parses the header: at most 32
 * list-members, keys per the level-2 grammar (a lower-case letter or digit first; at most one {@code @}
 * between a tenant of up to 241 and a system of up to 14 characters), values of
 * printable ASCII without {@code ,} and {@code =}, no duplicated keys. A header that breaks any rule is
 * dropped whole, as the specification asks; the {@code traceparent} it came with stays valid.
 */
final class TraceStateRules {
  static final int MAX_MEMBERS = 32;
  static final int MAX_LENGTH = 512;

  // a simple key may start with a digit (trace-context level 2); a multi-tenant key has one '@' with a
  // tenant of at most 241 and a system of at most 14 characters
  private static final Pattern KEY = Pattern.compile(
      "[a-z0-9][a-z0-9_\\-*/]{0,255}|[a-z0-9][a-z0-9_\\-*/]{0,240}@[a-z][a-z0-9_\\-*/]{0,13}");
  private static final Pattern VALUE = Pattern.compile("[\\x20-\\x2b\\x2d-\\x3c\\x3e-\\x7e]{0,255}[\\x21-\\x2b\\x2d-\\x3c\\x3e-\\x7e]");

  private TraceStateRules() {}

  /**
   * @param header all {@code tracestate} values joined with commas
   * @return the header in canonical form (members trimmed, empty members removed), or null if invalid
   */
  static String validate(String header) {
    if (header == null || header.length() > MAX_LENGTH * 4) {
      return null;
    }
    StringBuilder canonical = new StringBuilder(header.length());
    Set<String> keys = new HashSet<>();
    int members = 0;
    for (String raw : header.split(",", -1)) {
      String member = raw.strip();
      if (member.isEmpty()) {
        continue;
      }
      int eq = member.indexOf('=');
      if (eq <= 0) {
        return null;
      }
      String key = member.substring(0, eq);
      String value = member.substring(eq + 1);
      if (!KEY.matcher(key).matches() || !VALUE.matcher(value).matches() || !keys.add(key) || ++members > MAX_MEMBERS) {
        return null;
      }
      if (canonical.length() > 0) {
        canonical.append(',');
      }
      canonical.append(key).append('=').append(value);
    }
    return members == 0 ? null : canonical.toString();
  }
}
