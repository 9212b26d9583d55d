package dev.observa.http;

import java.util.Locale;

/**
 * Bounds the two protocol values that come from a request: the URL scheme (lower case, RFC 3986 scheme
 * characters, at most 16 of them, else unset) and the HTTP version ({@code 1.0}, {@code 1.1}, {@code 2},
 * {@code 3}, else unset), so neither can create series of its own.
 */
final class Schemes {
  private Schemes() {}

  static String normalize(String scheme) {
    if (scheme == null || scheme.isEmpty() || scheme.length() > 16) {
      return null;
    }
    if ("http".equals(scheme)) {
      return "http";
    }
    if ("https".equals(scheme)) {
      return "https";
    }
    String lower = scheme.toLowerCase(Locale.ROOT);
    if ("http".equals(lower)) {
      return "http";
    }
    if ("https".equals(lower)) {
      return "https";
    }
    if (lower.charAt(0) < 'a' || lower.charAt(0) > 'z') {
      return null;
    }
    for (int i = 1; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
        return null;
      }
    }
    return lower;
  }

  static String protocolVersion(String protocol) {
    if (protocol == null) {
      return null;
    }
    if ("HTTP/1.1".equals(protocol)) {
      return "1.1"; // what servlet containers report for nearly every request: one comparison, as for the schemes
    }
    // compared in place: no substring per request
    int from = protocol.regionMatches(true, 0, "HTTP/", 0, 5) ? 5 : 0;
    if (matches(protocol, from, "1.1")) {
      return "1.1";
    }
    if (matches(protocol, from, "1.0")) {
      return "1.0";
    }
    if (matches(protocol, from, "2") || matches(protocol, from, "2.0")) {
      return "2";
    }
    if (matches(protocol, from, "3") || matches(protocol, from, "3.0")) {
      return "3";
    }
    return null;
  }

  private static boolean matches(String protocol, int from, String version) {
    return protocol.length() - from == version.length() && protocol.startsWith(version, from);
  }
}
