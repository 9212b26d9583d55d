package dev.observa.samples.broker;

import static dev.observa.log.Field.field;

import dev.observa.Observa;
import dev.observa.log.Logger;
import java.util.Map;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders?item=…} publishes the item (202, or 503 when the broker is unreachable);
 * {@code GET /audit?item=…} is the downstream endpoint the listener calls.
 */
@RestController
class OrderController {
  private static final int MAX_ITEM = 64;
  private final RabbitTemplate rabbit;
  private final Logger log;

  OrderController(RabbitTemplate rabbit, Observa observa) {
    this.rabbit = rabbit;
    this.log = observa.logger("orders");
  }

  @PostMapping("/orders")
  ResponseEntity<Map<String, Object>> order(@RequestParam String item) {
    if (item.isBlank() || item.length() > MAX_ITEM) {
      return ResponseEntity.badRequest().body(Map.of("error", "item must be 1 to " + MAX_ITEM + " characters"));
    }
    try {
      rabbit.convertAndSend(BrokerApplication.EXCHANGE, "", item);
    } catch (AmqpException e) {
      log.error("could not publish the order", field("cause", e.getClass().getSimpleName()));
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", "the broker is unavailable"));
    }
    log.info("order published", field("item", item));
    return ResponseEntity.accepted().body(Map.of("queued", item));
  }

  @GetMapping("/audit")
  String audit(@RequestParam String item) {
    log.info("order audited", field("item", item));
    return "audited";
  }
}
