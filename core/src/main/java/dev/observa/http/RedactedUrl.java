package dev.observa.http;

import dev.observa.spi.ObservaSettings;
import java.net.URI;
import java.util.Set;

/**
 * The {@code url.full} of a client span as the conventions ask: credentials in the URL become
 * {@code REDACTED:REDACTED}, and the values of signature query parameters ({@code AWSAccessKeyId},
 * {@code Signature}, {@code sig}, {@code X-Goog-Signature}) and of any parameter Observa's redaction policy
 * names (e.g. {@code token}) become {@code REDACTED}, keeping the keys.
 */
final class RedactedUrl {
  private static final Set<String> SIGNATURE_KEYS = Set.of("AWSAccessKeyId", "Signature", "sig", "X-Goog-Signature");

  private RedactedUrl() {}

  static String of(URI url, ObservaSettings settings) {
    String text = url.toString();
    String userInfo = url.getRawUserInfo();
    if (userInfo != null) {
      text = text.replace(userInfo + "@", "REDACTED:REDACTED@");
    }
    int query = text.indexOf('?');
    if (query < 0) {
      return text;
    }
    int fragment = text.indexOf('#', query);
    String rawQuery = fragment < 0 ? text.substring(query + 1) : text.substring(query + 1, fragment);
    StringBuilder out = new StringBuilder(text.length()).append(text, 0, query + 1);
    int start = 0;
    while (start <= rawQuery.length()) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = rawQuery.length();
      }
      String pair = rawQuery.substring(start, end);
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      if (eq >= 0 && (SIGNATURE_KEYS.contains(key) || settings.isRedacted(key))) {
        out.append(key).append("=REDACTED");
      } else {
        out.append(pair);
      }
      if (end < rawQuery.length()) {
        out.append('&');
      }
      start = end + 1;
    }
    if (fragment >= 0) {
      out.append(text, fragment, text.length());
    }
    return out.toString();
  }
}
