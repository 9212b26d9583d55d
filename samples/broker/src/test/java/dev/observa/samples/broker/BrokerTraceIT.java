package dev.observa.samples.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.observa.test.contract.HopSpan;
import dev.observa.test.contract.RemoteHopTraceContract;
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
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16's proof that a trace crosses a real broker with its baggage intact ({@link RemoteHopTraceContract}, as
 * for JMS and Kafka): Debian's RabbitMQ ({@link RabbitBroker}) and the sample's jar as two processes on loopback.
 * The order is published by {@code RabbitTemplate} and delivered to the {@code @RabbitListener}, which logs and
 * calls {@code GET /audit}: beyond the contract, the CLIENT and downstream SERVER spans are in the trace with the
 * right parents, every span carries the declared key, and the producer and consumer name their destinations. A
 * second queue on the application's exchange is the raw AMQP view of the message's headers; spans are read from
 * {@code /actuator/traces}, log lines from the process's output.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES) // start-up alone may take 120 s (broker) + 180 s (application)
class BrokerTraceIT extends RemoteHopTraceContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
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

  @Override
  protected int port() {
    return port;
  }

  @Override
  protected CarrierView viewCarrier() throws Exception {
    BlockingQueue<Map.Entry<String, AMQP.BasicProperties>> delivered = new LinkedBlockingQueue<>();
    Connection connection = amqp().newConnection("broker-trace-it");
    Channel channel = connection.createChannel();
    // a second queue on the application's exchange: the raw AMQP view of what the listener receives
    channel.exchangeDeclare(BrokerApplication.EXCHANGE, "fanout", true);
    String copy = channel.queueDeclare().getQueue();
    channel.queueBind(copy, BrokerApplication.EXCHANGE, "");
    channel.basicConsume(copy, true, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        delivered.add(Map.entry(new String(body, StandardCharsets.UTF_8), properties));
      }
    });
    return new CarrierView() {
      @Override
      public Map<String, String> await(String item) throws Exception {
        Map.Entry<String, AMQP.BasicProperties> delivery = delivered.poll(30, TimeUnit.SECONDS);
        while (delivery != null && !delivery.getKey().equals(item)) {
          delivery = delivered.poll(30, TimeUnit.SECONDS);
        }
        assertThat(delivery).as("the message reached the second queue").isNotNull();
        AMQP.BasicProperties message = delivery.getValue();
        Map<String, String> headers = new HashMap<>();
        if (message.getHeaders() != null) {
          message.getHeaders().forEach((key, value) -> headers.put(key, String.valueOf(value)));
        }
        return headers;
      }

      @Override
      public void close() throws Exception {
        connection.close();
      }
    };
  }

  @Override
  protected void sendRaw(String item, Map<String, String> headers) throws Exception {
    try (Connection connection = amqp().newConnection("broker-trace-it-forger");
         Channel channel = connection.createChannel()) {
      channel.exchangeDeclare(BrokerApplication.EXCHANGE, "fanout", true);
      AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().contentType("text/plain")
          .headers(Map.copyOf(headers)).build();
      channel.basicPublish(BrokerApplication.EXCHANGE, "", properties, item.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  protected List<HopSpan> spans(String traceId) throws Exception {
    HttpResponse<String> response = get("/actuator/traces/" + traceId);
    List<HopSpan> spans = new ArrayList<>();
    if (response.statusCode() == 200) {
      JSON.readTree(response.body()).forEach(span -> spans.add(HopSpan.fromJson(span)));
    }
    return spans;
  }

  @Override
  protected String logOutput() throws Exception {
    return Files.readString(appLog);
  }

  @Override
  protected int spansPerOrder() {
    return 5;
  }

  @Override
  protected List<String> orderLogLines() {
    return List.of("order published", "order received", "order audited");
  }

  @Override
  protected List<String> receiverLogLines() {
    return List.of("order received", "order audited");
  }

  /** The listener's call to {@code GET /audit} continues the trace; both sides of the broker name their destination. */
  @Override
  protected void assertMoreOfTheTrace(List<HopSpan> spans) {
    Map<String, HopSpan> byKind = new HashMap<>();
    for (HopSpan span : spans) {
      byKind.put(span.kind().equals("SERVER") ? "SERVER " + span.attribute("url.path") : span.kind(), span);
    }
    assertThat(byKind).as("the spans of the order: %s", spans)
        .containsOnlyKeys("SERVER /orders", "PRODUCER", "CONSUMER", "CLIENT", "SERVER /audit");
    assertThat(byKind.get("CLIENT").parentSpanId()).isEqualTo(byKind.get("CONSUMER").spanId());
    assertThat(byKind.get("SERVER /audit").parentSpanId()).isEqualTo(byKind.get("CLIENT").spanId());
    assertThat(byKind.get("PRODUCER").attribute("messaging.destination.name")).isEqualTo(BrokerApplication.EXCHANGE);
    assertThat(byKind.get("CONSUMER").attribute("messaging.destination.name")).isEqualTo(BrokerApplication.QUEUE);
    assertThat(spans).as("the declared key is a span attribute on every span of the order")
        .allSatisfy(span -> assertThat(span.attribute("channel")).isEqualTo("mobile"));
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
}
