package dev.observa.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP methods an instrumentation knows, as OpenTelemetry's HTTP semantic conventions define them: a
 * known method is reported as it is, any other as {@code _OTHER}, so a client sending made-up methods cannot
 * create series or map entries.
 *
 * <pre>{@code
 * HttpMethods known = HttpMethods.defaults();
 * known.normalize("GET");     // "GET"
 * known.normalize("get");     // "_OTHER" (methods are case-sensitive)
 * known.normalize("FOO");     // "_OTHER"
 * HttpMethods.of(List.of("GET", "POST", "PROPFIND"));   // a full override, as OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS
 * }</pre>
 *
 * <p>The default set is RFC 9110's methods, RFC 5789's {@code PATCH} and the {@code QUERY} method, which the
 * conventions list as known. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class HttpMethods {
  /** The value reported for a method the instrumentation does not know. */
  public static final String OTHER = "_OTHER";

  /** The default known methods, in the order the conventions list them. */
  public static final List<String> DEFAULT_KNOWN =
      List.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "QUERY", "TRACE");

  private static final HttpMethods DEFAULTS = new HttpMethods(DEFAULT_KNOWN);

  private final Map<String, String> known;
  private final List<String> names;

  private HttpMethods(Collection<String> methods) {
    Map<String, String> map = new HashMap<>();
    List<String> list = new ArrayList<>();
    for (String method : methods) {
      String name = requireToken(method);
      if (map.putIfAbsent(name, name) == null) {
        list.add(name);
      }
    }
    this.known = Map.copyOf(map);
    this.names = List.copyOf(list);
  }

  /** @return the conventions' default known methods */
  public static HttpMethods defaults() {
    return DEFAULTS;
  }

  /**
   * @param methods the full list of known methods (not added to the defaults), case-sensitive
   * @return the known methods
   * @throws IllegalArgumentException naming a method that is not an HTTP token, or if the list is empty
   */
  public static HttpMethods of(Collection<String> methods) {
    if (methods == null || methods.isEmpty()) {
      throw new IllegalArgumentException("Known HTTP methods are " + methods + ": name at least one method");
    }
    return new HttpMethods(methods);
  }

  /**
   * @param commaSeparated e.g. {@code GET,POST,PROPFIND}, as {@code OTEL_INSTRUMENTATION_HTTP_KNOWN_METHODS}
   * @return the known methods
   * @throws IllegalArgumentException naming a method that is not an HTTP token, or if none is given
   */
  public static HttpMethods parse(String commaSeparated) {
    List<String> methods = new ArrayList<>();
    for (String part : (commaSeparated == null ? "" : commaSeparated).split(",", -1)) {
      if (!part.isBlank()) {
        methods.add(part.strip());
      }
    }
    return of(methods);
  }

  /**
   * @param method the method as received or sent; may be null
   * @return the known method itself (the instance held here, never the caller's string), or {@link #OTHER}
   */
  public String normalize(String method) {
    String match = method == null ? null : known.get(method);
    return match == null ? OTHER : match;
  }

  /** @return the known methods, in the order given */
  public List<String> names() {
    return names;
  }

  private static String requireToken(String method) {
    if (method == null || method.isEmpty() || method.length() > 32) {
      throw new IllegalArgumentException("HTTP method '" + method + "' is not a method name (1 to 32 token characters)");
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      boolean token = c >= '!' && c <= '~' && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
      if (!token) {
        throw new IllegalArgumentException("HTTP method '" + method + "' has the character '" + c
            + "', which an HTTP method name (a token, RFC 9110) cannot hold");
      }
    }
    return method;
  }

  @Override
  public String toString() {
    return String.join(",", names);
  }
}
