package dev.observa.samples.quickstart;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which callback URLs the conformance endpoint may call: by default only {@code http} or {@code https} URLs
 * whose host is {@code localhost} or a loopback IP literal, decided without a DNS lookup (so a name cannot be
 * rebound to another address between the check and the call). Anything else needs the explicit
 * {@code --allow-any-host} option: an endpoint that POSTs to any URL it is given is a server-side request
 * forgery tool.
 */
final class LoopbackTargets {
  private LoopbackTargets() {}

  /**
   * @param url the URL from the request body, may be null
   * @return the URI when it may be called, or null
   */
  static URI loopbackOnly(String url) {
    if (url == null || url.length() > 2048) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost();
    if (!(scheme.equals("http") || scheme.equals("https")) || host == null || uri.getUserInfo() != null) {
      return null;
    }
    return isLoopback(host) ? uri : null;
  }

  private static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    boolean literal = host.startsWith("[") || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    if (!literal) {
      return false; // a name would need a DNS lookup, which the call would repeat
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, not looked up
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
