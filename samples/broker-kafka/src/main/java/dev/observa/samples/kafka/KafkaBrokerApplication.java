package dev.observa.samples.kafka;

import static dev.observa.log.Field.field;

import dev.observa.Observa;
import dev.observa.log.Logger;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A trace across Kafka: {@code POST /orders?item=book} sends the item with {@code KafkaTemplate} to the topic
 * {@value #TOPIC}; {@link OrderListener} receives it and logs it. The starter switches on Spring Kafka's template
 * and listener observations, so the send and the delivery are producer and consumer spans and the record carries
 * {@code traceparent} and the declared baggage as headers.
 *
 * <pre>{@code
 * java -jar target/observa-sample-broker-kafka.jar --spring.kafka.bootstrap-servers=127.0.0.1:9092
 * curl -X POST -H 'baggage: channel=mobile' 'http://127.0.0.1:8080/orders?item=book'
 * }</pre>
 */
@SpringBootApplication
public class KafkaBrokerApplication {
  /** The topic orders are sent to. */
  public static final String TOPIC = "observa.orders";
  private static final int MAX_ITEM = 64;

  public static void main(String[] args) {
    SpringApplication.run(KafkaBrokerApplication.class, args);
  }

  @RestController
  static class Orders {
    private final KafkaTemplate<String, String> kafka;
    private final Logger log;

    Orders(KafkaTemplate<String, String> kafka, Observa observa) {
      this.kafka = kafka;
      this.log = observa.logger("orders");
    }

    @PostMapping("/orders")
    ResponseEntity<Map<String, Object>> order(@RequestParam String item) throws Exception {
      if (item.isBlank() || item.length() > MAX_ITEM) {
        return ResponseEntity.badRequest().body(Map.of("error", "item must be 1 to " + MAX_ITEM + " characters"));
      }
      kafka.send(TOPIC, item).get(30, java.util.concurrent.TimeUnit.SECONDS);
      log.info("order published", field("item", item));
      return ResponseEntity.accepted().body(Map.of("queued", item));
    }
  }

  /** Receives each order and logs it: the line carries the trace id and the declared baggage. */
  @Component
  static class OrderListener {
    private final Logger log;

    OrderListener(Observa observa) {
      this.log = observa.logger("order-listener");
    }

    @KafkaListener(topics = TOPIC, groupId = "orders")
    void receive(String item) {
      log.info("order received", field("item", item));
    }
  }
}
