package dev.observa.samples.jms;


import dev.observa.Observa;
import static dev.observa.log.Field.field;

import dev.observa.log.Logger;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A trace across a JMS broker: {@code POST /orders?item=book} sends the item with Spring's {@code JmsTemplate} to
 * the topic {@value #TOPIC}; {@link OrderListener} receives it and logs it. Spring Boot hands its
 * {@code ObservationRegistry} to the template and the listener containers, so the send and the delivery are
 * producer and consumer spans and the message carries {@code traceparent} and the declared baggage as properties.
 *
 * <pre>{@code
 * java -jar target/observa-sample-broker-jms.jar   # Artemis runs in-VM (spring.artemis.mode=embedded)
 * curl -X POST -H 'baggage: channel=mobile' 'http://127.0.0.1:8080/orders?item=book'
 * }</pre>
 */
@SpringBootApplication
public class JmsBrokerApplication {
  /** The topic orders are sent to; every subscriber gets a copy. */
  public static final String TOPIC = "observa.orders";
  private static final int MAX_ITEM = 64;

  public static void main(String[] args) {
    SpringApplication.run(JmsBrokerApplication.class, args);
  }

  @RestController
  static class Orders {
    private final JmsTemplate jms;
    private final Logger log;

    Orders(JmsTemplate jms, Observa observa) {
      this.jms = jms;
      this.log = observa.logger("orders");
    }

    @PostMapping("/orders")
    ResponseEntity<Map<String, Object>> order(@RequestParam String item) {
      if (item.isBlank() || item.length() > MAX_ITEM) {
        return ResponseEntity.badRequest().body(Map.of("error", "item must be 1 to " + MAX_ITEM + " characters"));
      }
      jms.convertAndSend(TOPIC, item);
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

    @JmsListener(destination = TOPIC)
    void receive(String item) {
      log.info("order received", field("item", item));
    }
  }
}
