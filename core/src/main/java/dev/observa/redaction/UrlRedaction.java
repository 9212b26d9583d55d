package dev.observa.redaction;

import java.util.Set;
import java.util.function.Predicate;

/**
 * Removes credentials from a URL or query string as OpenTelemetry's semantic conventions ask for
 * {@code url.full} and {@code url.query}: user-info becomes {@code REDACTED:REDACTED}, and the value of each
 * query (or fragment) parameter whose name is secret becomes {@code REDACTED}, the name kept. Stateless.
 */
final class UrlRedaction {
  /** The replacement the semantic conventions name. */
  static final String REDACTED = "REDACTED";
  /** The query keys the semantic conventions list (case-sensitive there; matched ignoring case here). */
  private static final Set<String> SPEC_QUERY_KEYS = Set.of("awsaccesskeyid", "signature", "sig", "x-goog-signature");

  private UrlRedaction() {}

  static String url(String url, Predicate<String> secretKey) {
    int scheme = url.indexOf("://");
    int authorityStart = scheme < 0 ? -1 : scheme + 3;
    StringBuilder out = null;
    int copied = 0;
    if (authorityStart > 0) {
      int authorityEnd = indexOfAny(url, authorityStart, "/?#");
      int at = url.lastIndexOf('@', authorityEnd - 1);
      if (at >= authorityStart) {
        out = new StringBuilder(url.length() + 16).append(url, 0, authorityStart).append(REDACTED + ":" + REDACTED);
        copied = at;
      }
    }
    int query = url.indexOf('?', authorityStart < 0 ? 0 : authorityStart);
    int fragment = url.indexOf('#', authorityStart < 0 ? 0 : authorityStart);
    int paramsStart = query >= 0 ? query + 1 : fragment >= 0 ? fragment + 1 : -1;
    if (paramsStart < 0) {
      return out == null ? url : out.append(url, copied, url.length()).toString();
    }
    String params = url.substring(paramsStart);
    String redacted = parameters(params, secretKey);
    if (out == null && redacted == params) {
      return url;
    }
    if (out == null) {
      out = new StringBuilder(url.length() + 16);
    }
    return out.append(url, copied, paramsStart).append(redacted).toString();
  }

  /** Redacts the values of secret parameters in {@code a=1&b=2} (also across a {@code #} fragment). */
  static String parameters(String params, Predicate<String> secretKey) {
    StringBuilder out = null;
    int start = 0;
    int n = params.length();
    while (start <= n) {
      int end = indexOfAny(params, start, "&#;");
      int eq = params.indexOf('=', start);
      if (eq > start && eq < end) {
        String name = params.substring(start, eq);
        if (SPEC_QUERY_KEYS.contains(name.toLowerCase(java.util.Locale.ROOT)) || secretKey.test(name)) {
          if (out == null) {
            out = new StringBuilder(n + 8).append(params, 0, start);
          }
          out.append(name).append('=').append(REDACTED);
          if (end < n) {
            out.append(params.charAt(end));
          }
          start = end + 1;
          continue;
        }
      }
      if (out != null) {
        out.append(params, start, Math.min(n, end + 1));
      }
      start = end + 1;
    }
    return out == null ? params : out.toString();
  }

  private static int indexOfAny(String s, int from, String chars) {
    for (int i = from; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }
}
