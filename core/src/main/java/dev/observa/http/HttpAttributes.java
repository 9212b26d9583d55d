package dev.observa.http;

import java.util.List;

/**
 * The names OpenTelemetry's stable HTTP semantic conventions give to HTTP attributes and metrics, as
 * Observa's HTTP instrumentations report them. Prometheus sees the metric names with dots as underscores
 * and the unit appended: {@code http.server.request.duration} is {@code http_server_request_duration_seconds}.
 *
 * <pre>{@code
 * span.attribute(HttpAttributes.HTTP_ROUTE, "/orders/{id}");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class HttpAttributes {
  /** Histogram of inbound request durations, in seconds. */
  public static final String SERVER_DURATION = "http.server.request.duration";
  /** Requests being served now (an up-down counter, a gauge in Prometheus). */
  public static final String SERVER_ACTIVE_REQUESTS = "http.server.active_requests";
  /** Histogram of outbound request durations, in seconds. */
  public static final String CLIENT_DURATION = "http.client.request.duration";
  /**
   * The explicit bucket boundaries the conventions advise for both duration histograms, in seconds; they hold
   * {@code 0.1}, so {@code le="0.1"} SLO queries work.
   */
  public static final List<Double> DURATION_BUCKETS =
      List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

  /** The method, one of the known ones or {@code _OTHER}. */
  public static final String HTTP_REQUEST_METHOD = "http.request.method";
  /** The method as sent, on spans only and only when it differs from {@code http.request.method}. */
  public static final String HTTP_REQUEST_METHOD_ORIGINAL = "http.request.method_original";
  /** The matched route template (never the raw path); absent when no route matched. */
  public static final String HTTP_ROUTE = "http.route";
  /** The response status code (an integer on spans, its decimal string as a metric label). */
  public static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
  /** The class of error the request ended with: the status code as a string, or an exception's class name. */
  public static final String ERROR_TYPE = "error.type";
  /** {@code http} or {@code https}. */
  public static final String URL_SCHEME = "url.scheme";
  /** The path of a server request (spans only). */
  public static final String URL_PATH = "url.path";
  /**
   * The query of a server request, without {@code ?}; secret values redacted by the redaction policy (spans
   * only). The semantic conventions make it Conditionally Required "if and only if one was received".
   */
  public static final String URL_QUERY = "url.query";
  /** The URL a client called, credentials and signature query values redacted (spans only). */
  public static final String URL_FULL = "url.full";
  /** Client: the host called; server: the host the request was sent to (spans only). */
  public static final String SERVER_ADDRESS = "server.address";
  /** The port that goes with {@code server.address}. */
  public static final String SERVER_PORT = "server.port";
  /** {@code 1.0}, {@code 1.1}, {@code 2} or {@code 3}, when known. */
  public static final String NETWORK_PROTOCOL_VERSION = "network.protocol.version";

  private HttpAttributes() {}
}
