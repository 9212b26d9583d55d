package dev.observa.test.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What every sample whose trace crosses a remote hop shows (issue 16), whatever carries it (RabbitMQ, JMS, Kafka):
 * the application answers {@code POST /orders?item=…} with {@code 202} and sends the item across the hop, logging
 * {@code order published}; the receiver logs {@code order received}; both lines have an {@code item} field. One request with {@code traceparent} and
 * {@code baggage} (the declared key {@code channel}, one undeclared key) shows that
 * <ul>
 *   <li>the carrier on the wire (message headers or properties) holds the caller's trace, with the producer span
 *       as parent, and only the declared baggage member;
 *   <li>the SERVER span is the caller's child, the PRODUCER span the server's, the CONSUMER span the producer's,
 *       and both sides of the hop carry the declared key as an attribute;
 *   <li>the order's log lines carry the trace id and the declared baggage;
 *   <li>the undeclared value is nowhere: carrier, spans, logs;
 * </ul>
 * and a message forged with a malformed {@code traceparent} (carriers are as untrusted as HTTP headers: anyone may
 * publish) is handled in a fresh trace, its undeclared baggage in no log line. Subclasses give what is particular
 * to their hop: the application's port, a raw view of the carrier and a raw publish, the trace's spans and the log.
 */
public abstract class RemoteHopTraceContract {
  /** The caller's trace. */
  protected static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  /** The caller's span, the SERVER span's parent. */
  protected static final String CALLER_SPAN = "00f067aa0ba902b7";
  /** The value of the undeclared baggage key, which must reach no sink. */
  protected static final String UNDECLARED = "undeclared-7f3a9c";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** A raw view of what crosses the hop, opened before the order is sent. */
  protected interface CarrierView extends AutoCloseable {
    /** @return the carrier (headers or properties, as text) of the message whose body is {@code item}, waited for */
    Map<String, String> await(String item) throws Exception;
  }

  /** @return the port of the application's HTTP server on 127.0.0.1 */
  protected abstract int port();

  /** @return a view of the hop beside the application's receiver (a second queue, subscriber or group) */
  protected abstract CarrierView viewCarrier() throws Exception;

  /** Sends {@code item} across the hop straight from the test, with {@code headers} as its carrier. */
  protected abstract void sendRaw(String item, Map<String, String> headers) throws Exception;

  /** @return the spans of {@code traceId} the application has ended so far */
  protected abstract List<HopSpan> spans(String traceId) throws Exception;

  /** @return all the application has logged so far */
  protected abstract String logOutput() throws Exception;

  /** @return how many spans the order's trace has once complete; the SERVER, PRODUCER and CONSUMER spans by default */
  protected int spansPerOrder() {
    return 3;
  }

  /** @return the bodies of the log lines an order writes, each once, all in its trace */
  protected List<String> orderLogLines() {
    return List.of("order published", "order received");
  }

  /** @return the bodies of the log lines written where the message is received, all in the receiver's trace */
  protected List<String> receiverLogLines() {
    return List.of("order received");
  }

  /** More to check of the order's complete trace, for a hop with more spans than the contract's three. */
  protected void assertMoreOfTheTrace(List<HopSpan> spans) {}

  @Test
  void theTraceCrossesTheHopWithOnlyTheDeclaredBaggage() throws Exception {
    Map<String, String> carrier;
    try (CarrierView view = viewCarrier()) {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port() + "/orders?item=book"))
          .POST(HttpRequest.BodyPublishers.noBody()).timeout(WAIT)
          .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
          .header("baggage", "channel=mobile,internal.note=" + UNDECLARED).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      carrier = view.await("book");
    }
    assertThat(carrier.get("traceparent")).as("carrier %s", carrier).startsWith("00-" + TRACE_ID + "-");
    assertThat(carrier.get("baggage")).as("carrier %s", carrier).isEqualTo("channel=mobile");
    assertThat(carrier.toString()).doesNotContain(UNDECLARED).doesNotContain("internal.note");

    List<HopSpan> spans = awaitSpans();
    HopSpan server = only(spans, "SERVER /orders",
        s -> s.kind().equals("SERVER") && "/orders".equals(s.attribute("url.path")));
    HopSpan producer = only(spans, "PRODUCER", s -> s.kind().equals("PRODUCER"));
    HopSpan consumer = only(spans, "CONSUMER", s -> s.kind().equals("CONSUMER"));
    assertThat(server.parentSpanId()).isEqualTo(CALLER_SPAN);
    assertThat(producer.parentSpanId()).isEqualTo(server.spanId());
    assertThat(consumer.parentSpanId()).isEqualTo(producer.spanId());
    assertThat(carrier.get("traceparent")).contains(producer.spanId());
    assertThat(List.of(producer, consumer)).as("the declared key is a span attribute on both sides of the hop")
        .allSatisfy(span -> assertThat(span.attribute("channel")).isEqualTo("mobile"));
    assertThat(spans.toString()).doesNotContain(UNDECLARED).doesNotContain("internal.note");
    assertMoreOfTheTrace(spans);

    for (String body : orderLogLines()) {
      JsonNode line = awaitLine(body, "book");
      assertThat(line.path("trace_id").asText()).as("%s", line).isEqualTo(TRACE_ID);
      assertThat(line.path("baggage").path("channel").asText()).as("%s", line).isEqualTo("mobile");
    }
    assertThat(logOutput()).doesNotContain(UNDECLARED);
  }

  @Test
  void aMessageWithAMalformedTraceparentIsHandledInAFreshTrace() throws Exception {
    String forged = "00-" + TRACE_ID.replace('4', 'g') + "-" + CALLER_SPAN + "-01";
    sendRaw("forged", Map.of("traceparent", forged, "baggage", "internal.note=" + UNDECLARED));
    String traceId = null;
    for (String body : receiverLogLines()) {
      String id = awaitLine(body, "forged").path("trace_id").asText();
      assertThat(id).as(body).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
      assertThat(id).as(body).isEqualTo(traceId == null ? id : traceId);
      traceId = id;
    }
    assertThat(logOutput()).doesNotContain(UNDECLARED);
  }

  /** The order's spans, once {@link #spansPerOrder()} have ended. */
  private List<HopSpan> awaitSpans() throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<HopSpan> spans = spans(TRACE_ID);
    while (spans.size() < spansPerOrder() && System.nanoTime() < deadline) {
      Thread.sleep(50);
      spans = spans(TRACE_ID);
    }
    assertThat(spans).as("the spans of trace %s", TRACE_ID).hasSize(spansPerOrder());
    return spans;
  }

  private static HopSpan only(List<HopSpan> spans, String what, Predicate<HopSpan> matching) {
    List<HopSpan> found = spans.stream().filter(matching).toList();
    assertThat(found).as("%s spans in %s", what, spans).hasSize(1);
    return found.get(0);
  }

  /** The application's JSON log line with this body and item, waited for (receivers run on their own threads). */
  private JsonNode awaitLine(String body, String item) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<JsonNode> found = List.of();
    while (System.nanoTime() < deadline) {
      found = jsonLines().stream()
          .filter(l -> l.path("body").asText().equals(body) && l.path("item").asText().equals(item)).toList();
      if (!found.isEmpty()) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(found).as("log lines %s with item %s", body, item).hasSize(1);
    return found.get(0);
  }

  private List<JsonNode> jsonLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : logOutput().lines().toList()) {
      if (line.startsWith("{")) {
        try {
          lines.add(JSON.readTree(line));
        } catch (java.io.IOException e) {
          // another process's line, or one cut while being written: not the application's JSON
        }
      }
    }
    return lines;
  }
}
