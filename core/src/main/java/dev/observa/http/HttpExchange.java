package dev.observa.http;

import dev.observa.Observa;
import dev.observa.trace.ActiveSpan;
import dev.observa.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.net.URI;

/**
 * One HTTP request/response as OpenTelemetry's HTTP semantic conventions describe it: the one place that maps
 * what an instrumentation saw (method, route, status, exception) to span name, span attributes, span status,
 * {@code error.type} and the attributes of the duration metric. A servlet filter, a client interceptor or an
 * Observation handler fills one per request and hands it to {@link HttpServerMetrics} / {@link HttpClientMetrics}.
 *
 * <pre>{@code
 * HttpExchange exchange = HttpExchange.server(HttpMethods.defaults(), request.getMethod(), request.getScheme());
 * try (ActiveSpan span = exchange.span(obs).startActive()) {
 *   ...
 *   exchange.route("/orders/{id}").status(response.getStatus());
 *   exchange.end(span);
 *   serverMetrics.finished(exchange, elapsedNanos);   // while the span is current, so it can be the exemplar
 * }
 * }</pre>
 *
 * <p>Rules: an unknown method is {@code _OTHER} (the original goes to {@code http.request.method_original} on
 * the span only) and names the span {@code HTTP}; the span is {@code {method} {route}}, or {@code {method}}
 * without a route (never the raw path). A server counts 5xx as errors; a client counts 4xx, 5xx and codes it
 * cannot interpret; an exception is an error either way. {@code error.type} is the exception's full class name,
 * else the status code; it is absent on success. One instance per request; not thread-safe.
 *
 * @since 0.1.0
 */
public final class HttpExchange {
  private final SpanKind kind;
  private final String method;
  private final String methodOriginal;
  private final String scheme;
  private String route;
  private String path;
  private String query;
  private URI url;
  private String serverAddress;
  private int serverPort = -1;
  private String protocolVersion;
  /** The version {@link #span} put on the span's builder, so {@link #end} does not set it again. */
  private String versionOnSpan;
  private int status;
  private Throwable failure;
  /** The gauge {@link HttpServerMetrics#started} counted this request in, for {@code finished} to decrement. */
  dev.observa.meter.Gauge activeRequests;

  private HttpExchange(SpanKind kind, HttpMethods known, String rawMethod, String scheme) {
    this.kind = kind;
    this.method = known.normalize(rawMethod);
    this.methodOriginal = rawMethod != null && !rawMethod.equals(method) ? rawMethod : null;
    this.scheme = Schemes.normalize(scheme);
  }

  /**
   * @param known the known methods
   * @param method the request method as received
   * @param scheme {@code http} or {@code https}
   * @return an inbound exchange
   */
  public static HttpExchange server(HttpMethods known, String method, String scheme) {
    return new HttpExchange(SpanKind.SERVER, known, method, scheme);
  }

  /**
   * @param known the known methods
   * @param method the request method as sent
   * @param url the URL called; its host and port (or the scheme's default port) become {@code server.*}
   * @return an outbound exchange
   */
  public static HttpExchange client(HttpMethods known, String method, URI url) {
    HttpExchange exchange = new HttpExchange(SpanKind.CLIENT, known, method, url == null ? null : url.getScheme());
    exchange.url = url;
    if (url != null) {
      int port = url.getPort() > 0 ? url.getPort() : "https".equals(exchange.scheme) ? 443 : "http".equals(exchange.scheme) ? 80 : -1;
      exchange.server(url.getHost(), port);
    }
    return exchange;
  }

  /**
   * @param template the route template the framework matched, or null when none matched
   * @return this
   */
  public HttpExchange route(String template) {
    this.route = template == null || template.isEmpty() ? null : template;
    return this;
  }

  /**
   * @param requestPath the server request's path (span attribute {@code url.path} only)
   * @return this
   */
  public HttpExchange path(String requestPath) {
    this.path = requestPath;
    return this;
  }

  /**
   * @param rawQuery the server request's query without {@code ?}, as received (span attribute {@code url.query},
   *     secret values redacted); null or empty when there was none
   * @return this
   */
  public HttpExchange query(String rawQuery) {
    this.query = rawQuery == null || rawQuery.isEmpty() ? null : rawQuery;
    return this;
  }

  /**
   * @param address the server's host name or address
   * @param port its port, or a negative number when unknown
   * @return this
   */
  public HttpExchange server(String address, int port) {
    this.serverAddress = address == null || address.isEmpty() ? null : address;
    this.serverPort = port;
    return this;
  }

  /**
   * @param protocol {@code HTTP/1.1}, {@code HTTP/2.0}, {@code 1.1}, {@code 2}…; anything else leaves it unset
   * @return this
   */
  public HttpExchange protocolVersion(String protocol) {
    this.protocolVersion = Schemes.protocolVersion(protocol);
    return this;
  }

  /**
   * @param code the response status code, 0 when there was none
   * @return this
   */
  public HttpExchange status(int code) {
    this.status = code;
    return this;
  }

  /**
   * @param error the exception the request ended with, or null
   * @return this
   */
  public HttpExchange failure(Throwable error) {
    this.failure = error;
    return this;
  }

  /** @return whether the conventions count this exchange as failed, for its side */
  public boolean isError() {
    if (failure != null) {
      return true;
    }
    if (status == 0) {
      return false;
    }
    return status >= 500 || kind == SpanKind.CLIENT && (status >= 400 || status < 100);
  }

  /** @return the {@code error.type}: the exception's class name, else the status code; null on success */
  public String errorType() {
    if (failure != null) {
      return failure.getClass().getName();
    }
    return isError() ? Integer.toString(status) : null;
  }

  /** @return {@code {method} {route}}, {@code {method}} without a route; {@code HTTP} for an unknown method */
  public String spanName() {
    String name = HttpMethods.OTHER.equals(method) ? "HTTP" : method;
    return route == null ? name : SpanNames.SHARED.of(name, route);
  }

  /**
   * @param observa the facade
   * @return a span builder with the kind, name and request attributes; add more and start it
   */
  public SpanBuilder span(Observa observa) {
    SpanBuilder span = observa.span(spanName()).kind(kind).attribute(HttpAttributes.HTTP_REQUEST_METHOD, method);
    if (methodOriginal != null) {
      span.attribute(HttpAttributes.HTTP_REQUEST_METHOD_ORIGINAL, methodOriginal);
    }
    if (scheme != null) {
      span.attribute(HttpAttributes.URL_SCHEME, scheme);
    }
    if (path != null) {
      span.attribute(HttpAttributes.URL_PATH, path);
    }
    if (query != null) {
      span.attribute(HttpAttributes.URL_QUERY, query); // redacted by the policy's url.query rule
    }
    if (url != null) {
      try {
        span.attribute(HttpAttributes.URL_FULL, RedactedUrl.of(url, observa.settings()));
      } catch (RuntimeException e) {
        dev.observa.spi.Diagnostics.warn("http.url", "could not redact a URL; url.full left out: " + e);
      }
    }
    if (serverAddress != null) {
      span.attribute(HttpAttributes.SERVER_ADDRESS, serverAddress);
      if (serverPort > 0) {
        span.attribute(HttpAttributes.SERVER_PORT, serverPort);
      }
    }
    if (protocolVersion != null) {
      span.attribute(HttpAttributes.NETWORK_PROTOCOL_VERSION, protocolVersion);
      versionOnSpan = protocolVersion;
    }
    return span;
  }

  /**
   * Writes what the response told onto the span: its final name (with the route), {@code http.route},
   * {@code http.response.status_code}, {@code error.type}, the exception event and the status. Never throws.
   *
   * @param span the exchange's span, still open
   */
  public void end(ActiveSpan span) {
    try {
      if (kind == SpanKind.SERVER) {
        span.span().updateName(spanName());
        span.attribute(HttpAttributes.HTTP_ROUTE, route);
      }
      if (status > 0) {
        span.attribute(HttpAttributes.HTTP_RESPONSE_STATUS_CODE, status);
      }
      if (protocolVersion != null && !protocolVersion.equals(versionOnSpan)) {
        // a client learns the version from the response; a server's was set when the span started
        span.attribute(HttpAttributes.NETWORK_PROTOCOL_VERSION, protocolVersion);
      }
      String errorType = errorType();
      if (errorType != null) {
        span.attribute(HttpAttributes.ERROR_TYPE, errorType);
      }
      if (failure != null) {
        span.recordException(failure);
      } else if (errorType != null) {
        // the status code tells why: no description (conventions, "Status")
        span.span().setStatus(StatusCode.ERROR);
      }
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      dev.observa.spi.Diagnostics.warn("http.span", "could not complete an HTTP span: " + e);
    }
  }

  /** @return {@code SERVER} or {@code CLIENT} */
  public SpanKind kind() {
    return kind;
  }

  /** @return the normalized method: a known one or {@code _OTHER} */
  public String method() {
    return method;
  }

  /** @return the method as received when it differs from {@link #method()}, else null */
  public String methodOriginal() {
    return methodOriginal;
  }

  /** @return {@code http}, {@code https}, another valid scheme, or null */
  public String scheme() {
    return scheme;
  }

  /** @return the route template, or null */
  public String route() {
    return route;
  }

  /** @return the server address, or null */
  public String serverAddress() {
    return serverAddress;
  }

  /** @return the server port, or a negative number */
  public int serverPort() {
    return serverPort;
  }

  /** @return {@code 1.0}, {@code 1.1}, {@code 2}, {@code 3}, or null */
  public String protocolVersion() {
    return protocolVersion;
  }

  /** @return the status code, 0 when none */
  public int status() {
    return status;
  }
}
