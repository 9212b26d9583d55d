package dev.observa.http;

import dev.observa.Observa;
import dev.observa.context.Carriers;
import dev.observa.spi.MeterDescriptor;
import dev.observa.trace.ActiveSpan;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Observed calls with the JDK {@link HttpClient}: a CLIENT span per call with OpenTelemetry's HTTP
 * attributes, the current context and declared baggage injected as headers, and
 * {@code http.client.request.duration} ({@link HttpClientMetrics}).
 *
 * <pre>{@code
 * HttpClientTracing http = new HttpClientTracing(obs, HttpClient.newHttpClient());
 * HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).GET(), BodyHandlers.ofString());
 * }</pre>
 *
 * <p>The span and the measurement end when {@code send} returns, after the body handler has read the body.
 * Exceptions from the client are recorded and rethrown unchanged. Thread-safe.
 *
 * @since 0.1.0
 */
public final class HttpClientTracing {
  private final Observa observa;
  private final HttpClient client;
  private final HttpMethods methods;
  private final HttpClientMetrics metrics;

  /**
   * @param observa the facade
   * @param client the client to send with
   */
  public HttpClientTracing(Observa observa, HttpClient client) {
    this(observa, client, HttpMethods.defaults());
  }

  /**
   * @param observa the facade
   * @param client the client to send with
   * @param methods the methods reported as they are; others are {@code _OTHER}
   */
  public HttpClientTracing(Observa observa, HttpClient client, HttpMethods methods) {
    this.observa = observa;
    this.client = client;
    this.methods = methods;
    this.metrics = new HttpClientMetrics(observa, MeterDescriptor.DEFAULT_MAX_SERIES);
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
    HttpExchange exchange = HttpExchange.client(methods, probe.method(), probe.uri());
    long start = System.nanoTime();
    try (ActiveSpan span = exchange.span(observa).startActive()) {
      observa.inject(request, Carriers.httpRequest());
      try {
        HttpResponse<T> response = client.send(request.build(), handler);
        exchange.status(response.statusCode())
            .protocolVersion(response.version() == HttpClient.Version.HTTP_2 ? "2" : "1.1");
        return response;
      } catch (IOException | InterruptedException | RuntimeException | Error e) {
        exchange.failure(e);
        throw e;
      } finally {
        exchange.end(span);
        // recorded while the span is current, so the duration bucket can take it as its exemplar
        metrics.record(exchange, System.nanoTime() - start);
      }
    }
  }
}
