package dev.observa.http;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.trace.SpanKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Observed calls with the JDK {@link HttpClient}: a CLIENT span per call, the current context and declared
 * baggage injected as headers, and golden signals {@code http.client.*} by method and server address.
 *
 * <pre>{@code
 * HttpClientTracing http = new HttpClientTracing(obs, HttpClient.newHttpClient());
 * HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).GET(), BodyHandlers.ofString());
 * }</pre>
 *
 * <p>Exceptions from the client are recorded and rethrown unchanged. Thread-safe.
 *
 * @since 0.1.0
 */
public final class HttpClientTracing {
  private final Observa observa;
  private final HttpClient client;
  private final HttpClientMetrics metrics;

  /**
   * @param observa the facade
   * @param client the client to send with
   */
  public HttpClientTracing(Observa observa, HttpClient client) {
    this.observa = observa;
    this.client = client;
    this.metrics = new HttpClientMetrics(observa, dev.observa.spi.MeterDescriptor.DEFAULT_MAX_SERIES);
  }

  /**
   * Builds the request with the context injected and sends it.
   *
   * @param request the request, not yet built
   * @param handler how to read the body
   * @param <T> the body type
   * @return the response
   * @throws IOException as {@link HttpClient#send}
   * @throws InterruptedException as {@link HttpClient#send}
   */
  public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    HttpRequest probe = request.copy().build();
    String method = probe.method();
    URI uri = probe.uri();
    String server = (uri.getHost() == null ? "unknown" : uri.getHost()) + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    long start = System.nanoTime();
    Throwable failure = null;
    int status = 0;
    try (ActiveSpan span = observa.span(method).kind(SpanKind.CLIENT).attribute("http.request.method", method)
        .attribute("url.full", uri.toString()).attribute("server.address", uri.getHost()).startActive()) {
      observa.inject(request, Carriers.httpRequest());
      try {
        HttpResponse<T> response = client.send(request.build(), handler);
        status = response.statusCode();
        span.attribute("http.response.status_code", (long) status);
        if (status >= 500) {
          span.error("HTTP " + status);
        }
        return response;
      } catch (IOException | InterruptedException | RuntimeException e) {
        failure = e;
        span.recordException(e);
        throw e;
      }
    } finally {
      metrics.record(method, server, status, failure, System.nanoTime() - start);
    }
  }


}
