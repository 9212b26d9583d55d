package dev.observa.samples.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16's proof that a trace crosses a real broker with its baggage intact: Debian's RabbitMQ
 * ({@link RabbitBroker}) and the sample's jar as two processes on loopback. One request with
 * {@code traceparent} and {@code baggage} (one declared key, one undeclared) is published by
 * {@code RabbitTemplate}, delivered to the {@code @RabbitListener}, which logs and calls {@code GET /audit}:
 * every span is in the caller's trace with the right parent, the message carries {@code traceparent} and only
 * the declared baggage member, the listener's log line carries the trace id and the declared value, and the
 * undeclared value is nowhere (message, spans, logs).
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES) // start-up alone may take 120 s (broker) + 180 s (application)
class BrokerTraceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static final String UNDECLARED = "undeclared-7f3a9c";
  private static RabbitBroker broker;
  private static Process app;
  private static Path appLog;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    broker = RabbitBroker.start(Path.of("target", "rabbitmq").toAbsolutePath());
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    appLog = Path.of("target", "broker-sample.log").toAbsolutePath();
    app = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
        Path.of("target", "broker.jar").toAbsolutePath().toString(), "--server.port=" + port,
        "--spring.rabbitmq.port=" + broker.amqpPort())
        .redirectErrorStream(true).redirectOutput(appLog.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180); // a Boot JVM beside Erlang on 2 busy cores
    while (System.nanoTime() < deadline && app.isAlive() && !up()) {
      Thread.sleep(500);
    }
    assertThat(up()).as("the sample answers /actuator/health; its output:%n%s", Files.readString(appLog)).isTrue();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (app != null) {
        app.destroy();
        if (!app.waitFor(30, TimeUnit.SECONDS)) {
          app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  @Test
  void theTraceCrossesTheBrokerWithOnlyTheDeclaredBaggage() throws Exception {
    BlockingQueue<AMQP.BasicProperties> delivered = new LinkedBlockingQueue<>();
    try (Connection connection = amqp().newConnection("broker-trace-it");
         Channel channel = connection.createChannel()) {
      // a second queue on the application's exchange: the raw AMQP view of what the listener receives
      channel.exchangeDeclare(BrokerApplication.EXCHANGE, "fanout", true);
      String copy = channel.queueDeclare().getQueue();
      channel.queueBind(copy, BrokerApplication.EXCHANGE, "");
      channel.basicConsume(copy, true, new DefaultConsumer(channel) {
        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
          delivered.add(properties);
        }
      });

      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port + "/orders?item=book"))
          .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10))
          .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
          .header("baggage", "channel=mobile,internal.note=" + UNDECLARED).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

      AMQP.BasicProperties message = delivered.poll(30, TimeUnit.SECONDS);
      assertThat(message).as("the message reached the second queue").isNotNull();
      Map<String, String> headers = new HashMap<>();
      if (message.getHeaders() != null) {
        message.getHeaders().forEach((key, value) -> headers.put(key, String.valueOf(value)));
      }
      assertThat(headers.get("traceparent")).as("headers %s", headers).startsWith("00-" + TRACE_ID + "-");
      assertThat(headers.get("baggage")).as("headers %s", headers).isEqualTo("channel=mobile");
      assertThat(headers.toString()).doesNotContain(UNDECLARED).doesNotContain("internal.note");
    }

    Map<String, JsonNode> spans = spans(5);
    JsonNode orders = spans.get("SERVER /orders");
    JsonNode producer = spans.get("PRODUCER");
    JsonNode consumer = spans.get("CONSUMER");
    JsonNode client = spans.get("CLIENT");
    JsonNode audit = spans.get("SERVER /audit");
    assertThat(orders.path("parentSpanId").asText()).isEqualTo(CALLER_SPAN);
    assertThat(producer.path("parentSpanId").asText()).isEqualTo(orders.path("spanId").asText());
    assertThat(consumer.path("parentSpanId").asText()).isEqualTo(producer.path("spanId").asText());
    assertThat(client.path("parentSpanId").asText()).isEqualTo(consumer.path("spanId").asText());
    assertThat(audit.path("parentSpanId").asText()).isEqualTo(client.path("spanId").asText());
    assertThat(producer.path("attributes").path("messaging.destination.name").asText())
        .isEqualTo(BrokerApplication.EXCHANGE);
    assertThat(consumer.path("attributes").path("messaging.destination.name").asText())
        .isEqualTo(BrokerApplication.QUEUE);
    assertThat(spans.values()).as("the declared key is a span attribute on both sides of the broker")
        .allSatisfy(span -> assertThat(span.path("attributes").path("channel").asText()).isEqualTo("mobile"));
    assertThat(spans.values().toString()).doesNotContain(UNDECLARED).doesNotContain("internal.note");

    for (String body : List.of("order published", "order received", "order audited")) {
      JsonNode line = line(body, "book");
      assertThat(line.path("trace_id").asText()).as("%s", line).isEqualTo(TRACE_ID);
      assertThat(line.path("baggage").path("channel").asText()).as("%s", line).isEqualTo("mobile");
    }
    assertThat(Files.readString(appLog)).doesNotContain(UNDECLARED);
  }

  /**
   * Message headers are as untrusted as HTTP headers (any client may publish): a malformed {@code traceparent}
   * is ignored, so the listener runs in a fresh trace, and undeclared baggage reaches no log line.
   */
  @Test
  void aMessageWithAMalformedTraceparentIsHandledInAFreshTrace() throws Exception {
    String forged = "00-" + TRACE_ID.replace('4', 'g') + "-" + CALLER_SPAN + "-01";
    try (Connection connection = amqp().newConnection("broker-trace-it-forger");
         Channel channel = connection.createChannel()) {
      channel.exchangeDeclare(BrokerApplication.EXCHANGE, "fanout", true);
      AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("text/plain")
          .headers(Map.of("traceparent", forged, "baggage", "internal.note=" + UNDECLARED)).build();
      channel.basicPublish(BrokerApplication.EXCHANGE, "", properties, "forged".getBytes(StandardCharsets.UTF_8));
    }
    JsonNode received = line("order received", "forged");
    assertThat(received.path("trace_id").asText()).matches("[0-9a-f]{32}").isNotEqualTo(TRACE_ID);
    assertThat(line("order audited", "forged").path("trace_id").asText()).isEqualTo(received.path("trace_id").asText());
    assertThat(Files.readString(appLog)).doesNotContain(UNDECLARED);
  }

  /** The sample's JSON log line with this body and item, waited for (the listener runs on its own thread). */
  private static JsonNode line(String body, String item) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<JsonNode> found = List.of();
    while (System.nanoTime() < deadline) {
      found = jsonLines().stream()
          .filter(l -> l.path("body").asText().equals(body) && l.path("item").asText().equals(item)).toList();
      if (!found.isEmpty()) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(found).as("log lines %s with item %s", body, item).hasSize(1);
    return found.get(0);
  }

  /** The trace's spans, keyed by kind (and, for servers, path), once {@code count} have ended. */
  private static Map<String, JsonNode> spans(int count) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    JsonNode spans = JSON.createArrayNode();
    while (System.nanoTime() < deadline && spans.size() < count) {
      HttpResponse<String> response = get("/actuator/traces/" + TRACE_ID);
      if (response.statusCode() == 200) {
        spans = JSON.readTree(response.body());
      }
      Thread.sleep(100);
    }
    Map<String, JsonNode> byKind = new HashMap<>();
    for (JsonNode span : spans) {
      String kind = span.path("kind").asText();
      byKind.put(kind.equals("SERVER") ? kind + " " + span.path("attributes").path("url.path").asText() : kind, span);
    }
    assertThat(spans).as("the spans of trace %s", TRACE_ID).hasSize(count);
    assertThat(byKind).as("the spans of trace %s: %s", TRACE_ID, spans)
        .containsOnlyKeys("SERVER /orders", "PRODUCER", "CONSUMER", "CLIENT", "SERVER /audit");
    return byKind;
  }

  /** The plain AMQP client, connected to the test's broker. */
  private static ConnectionFactory amqp() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(broker.amqpPort());
    factory.setConnectionTimeout(5000);
    return factory;
  }

  private static boolean up() {
    try {
      return get("/actuator/health").statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static List<JsonNode> jsonLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(appLog)) {
      if (line.startsWith("{")) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }
}
