package dev.observa.http;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.meter.GoldenSignals;
import dev.observa.spi.Diagnostics;
import dev.observa.trace.ActiveSpan;
import io.opentelemetry.api.trace.SpanKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
  private final Map<String, GoldenSignals> signals = new ConcurrentHashMap<>();

  /**
   * @param observa the facade
   * @param client the client to send with
   */
  public HttpClientTracing(Observa observa, HttpClient client) {
    this.observa = observa;
    this.client = client;
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
      record(method, server, status, failure, System.nanoTime() - start);
    }
  }

  private void record(String method, String server, int status, Throwable failure, long nanos) {
    try {
      GoldenSignals golden = signals.computeIfAbsent(method + " " + server, key -> observa.goldenSignals("http.client")
          .description("HTTP client requests").tag("http.request.method", method).tag("server.address", server)
          .withoutInFlight().register());
      if (failure == null && status >= 500) {
        golden.recordFailure(Duration.ofNanos(nanos), "http_" + status);
      } else {
        golden.record(Duration.ofNanos(nanos), failure);
      }
    } catch (RuntimeException e) {
      Diagnostics.warn("http.client.metrics", "could not record HTTP client metrics: " + e);
    }
  }

}
