package dev.observa.samples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.tracing.RecentTraces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 16's proof that a trace crosses a real Kafka broker with its baggage intact, like {@code BrokerTraceIT} does
 * for RabbitMQ: {@link KafkaBroker} runs Apache Kafka's own server (KRaft mode) on loopback in a child JVM. One
 * HTTP request with {@code traceparent} and {@code baggage} (one declared key, one undeclared) is
 * sent by {@code KafkaTemplate} and delivered to the {@code @KafkaListener} with no observation setting in the
 * application (the starter's defaults): the producer and consumer spans are in the caller's trace with the right
 * parents, the record carries {@code traceparent} and only the declared baggage member, the listener's log line
 * carries the trace id and the declared value, and the undeclared value is nowhere.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = KafkaBrokerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "observa.tracing.recent-traces=1000")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaTraceIT {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4738";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static final String UNDECLARED = "undeclared-7f3a9e";

  @LocalServerPort
  int port;

  @Autowired
  Observa observa;

  private static KafkaBroker broker;

  @DynamicPropertySource
  static void broker(DynamicPropertyRegistry registry) throws Exception {
    if (broker == null) {
      broker = KafkaBroker.start(KafkaBrokerApplication.TOPIC);
    }
    registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void theTraceCrossesTheBrokerWithOnlyTheDeclaredBaggage(CapturedOutput output) throws Exception {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-copy");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());

    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/orders?item=book"))
        .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(60))
        .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
        .header("baggage", "channel=mobile,internal.note=" + UNDECLARED).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

    // a second consumer group on the topic: the raw Kafka view of the record the listener receives
    Map<String, String> properties = new TreeMap<>();
    try (KafkaConsumer<String, String> copy = new KafkaConsumer<>(config)) {
      copy.subscribe(List.of(KafkaBrokerApplication.TOPIC));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (properties.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : copy.poll(Duration.ofMillis(500))) {
          if ("book".equals(record.value())) {
            for (Header header : record.headers()) {
              properties.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
          }
        }
      }
    }
    assertThat(properties).as("the record reached the second consumer group with headers").isNotEmpty();
    assertThat(properties.get("traceparent")).as("headers %s", properties).startsWith("00-" + TRACE_ID + "-");
    assertThat(properties.get("baggage")).as("headers %s", properties).isEqualTo("channel=mobile");
    assertThat(properties.toString()).doesNotContain(UNDECLARED).doesNotContain("internal.note");

    List<SpanData> spans = awaitSpans(3);
    SpanData server = only(spans, SpanKind.SERVER);
    SpanData producer = only(spans, SpanKind.PRODUCER);
    SpanData consumer = only(spans, SpanKind.CONSUMER);
    assertThat(server.getParentSpanId()).isEqualTo(CALLER_SPAN);
    assertThat(producer.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
    assertThat(properties.get("traceparent")).contains(producer.getSpanId());
    assertThat(List.of(producer, consumer)).as("the declared key is a span attribute on both sides of the broker")
        .allSatisfy(span -> assertThat(span.getAttributes().get(AttributeKey.stringKey("channel"))).isEqualTo("mobile"));
    assertThat(spans.toString()).doesNotContain(UNDECLARED).doesNotContain("internal.note");

    String received = awaitLine(output, "\"body\":\"order received\"");
    assertThat(received).contains("\"trace_id\":\"" + TRACE_ID + "\"").contains("\"channel\":\"mobile\"");
    assertThat(output.getOut()).doesNotContain(UNDECLARED);
  }

  /**
   * Record headers are as untrusted as HTTP headers (any client may produce): a malformed {@code traceparent} is
   * ignored, so the listener runs in a fresh trace, and undeclared baggage reaches no log line.
   */
  @Test
  void aRecordWithAMalformedTraceparentIsHandledInAFreshTrace(CapturedOutput output) throws Exception {
    String forged = "00-" + TRACE_ID.replace('4', 'g') + "-" + CALLER_SPAN + "-01";
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> forger = new KafkaProducer<>(config)) {
      ProducerRecord<String, String> record = new ProducerRecord<>(KafkaBrokerApplication.TOPIC, "forged");
      record.headers().add("traceparent", forged.getBytes(StandardCharsets.UTF_8))
          .add("baggage", ("internal.note=" + UNDECLARED).getBytes(StandardCharsets.UTF_8));
      forger.send(record).get(60, TimeUnit.SECONDS);
    }
    String received = awaitLine(output, "\"item\":\"forged\"");
    assertThat(received).contains("\"body\":\"order received\"").containsPattern("\"trace_id\":\"[0-9a-f]{32}\"")
        .doesNotContain(TRACE_ID).doesNotContain(TRACE_ID.replace('4', 'g'));
    assertThat(output.getOut()).doesNotContain(UNDECLARED);
  }

  private List<SpanData> awaitSpans(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<SpanData> spans = observa.unwrap(RecentTraces.class).trace(TRACE_ID);
    while (spans.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
      spans = observa.unwrap(RecentTraces.class).trace(TRACE_ID);
    }
    assertThat(spans).as("the spans of trace %s", TRACE_ID).hasSize(count);
    return spans;
  }

  private static SpanData only(List<SpanData> spans, SpanKind kind) {
    List<SpanData> found = spans.stream().filter(s -> s.getKind() == kind).toList();
    assertThat(found).as("%s spans in %s", kind, spans).hasSize(1);
    return found.get(0);
  }

  private static String awaitLine(CapturedOutput output, String fragment) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      List<String> lines = output.getOut().lines().filter(l -> l.startsWith("{") && l.contains(fragment)).toList();
      if (!lines.isEmpty()) {
        return lines.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no log line with " + fragment + " in:\n" + output.getOut());
  }
}
