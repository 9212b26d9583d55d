package dev.observa.samples.kafka;

import dev.observa.Observa;
import dev.observa.test.contract.HopSpan;
import dev.observa.test.contract.RemoteHopTraceContract;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.junit.jupiter.api.BeforeEach;
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
 * Issue 16's proof that a trace crosses a real Kafka broker with its baggage intact ({@link RemoteHopTraceContract},
 * as for RabbitMQ and JMS): {@link KafkaBroker} runs Apache Kafka's own server (KRaft mode) on loopback in a child
 * JVM; {@code KafkaTemplate} sends and the {@code @KafkaListener} receives with no observation setting in the
 * application (the starter's defaults), and a second consumer group is the raw Kafka view of the record's headers.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = KafkaBrokerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "observa.tracing.recent-traces=1000")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaTraceIT extends RemoteHopTraceContract {
  @LocalServerPort
  int port;

  @Autowired
  Observa observa;

  private static KafkaBroker broker;
  private CapturedOutput output;

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

  @BeforeEach
  void capture(CapturedOutput output) {
    this.output = output;
  }

  @Override
  protected int port() {
    return port;
  }

  /** A second consumer group on the topic, from its earliest record, polled once the order is sent. */
  @Override
  protected CarrierView viewCarrier() {
    return new CarrierView() {
      @Override
      public Map<String, String> await(String item) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-copy");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, String> headers = new TreeMap<>();
        try (KafkaConsumer<String, String> copy = new KafkaConsumer<>(config)) {
          copy.subscribe(List.of(KafkaBrokerApplication.TOPIC));
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (headers.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : copy.poll(Duration.ofMillis(500))) {
              if (item.equals(record.value())) {
                for (Header header : record.headers()) {
                  headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
              }
            }
          }
        }
        return headers;
      }

      @Override
      public void close() {}
    };
  }

  @Override
  protected void sendRaw(String item, Map<String, String> headers) throws Exception {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      ProducerRecord<String, String> record = new ProducerRecord<>(KafkaBrokerApplication.TOPIC, item);
      headers.forEach((key, value) -> record.headers().add(key, value.getBytes(StandardCharsets.UTF_8)));
      producer.send(record).get(60, TimeUnit.SECONDS);
    }
  }

  @Override
  protected List<HopSpan> spans(String traceId) {
    return HopSpan.recent(observa, traceId);
  }

  @Override
  protected String logOutput() {
    return output.getOut();
  }
}
