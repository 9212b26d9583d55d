/**
 * HTTP instrumentation by OpenTelemetry's HTTP semantic conventions: {@link dev.observa.http.HttpExchange}
 * maps one request/response to span name, attributes, status and {@code error.type};
 * {@link dev.observa.http.HttpServerMetrics} and {@link dev.observa.http.HttpClientMetrics} record
 * {@code http.server.request.duration} and {@code http.client.request.duration};
 * {@link dev.observa.http.HttpClientTracing} instruments the JDK {@code java.net.http.HttpClient}.
 */
package dev.observa.http;
