package dev.observa.samples.db;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /orders?item=…} stores an order (201 with its id); {@code GET /orders/{id}} reads it back;
 * {@code GET /orders/coupons} fails: its query has a bug, and the exception leaves the controller (500).
 */
@RestController
class OrderController {
  private static final int MAX_ITEM = 64;
  private final OrderService orders;

  OrderController(OrderService orders) {
    this.orders = orders;
  }

  @PostMapping("/orders")
  ResponseEntity<Map<String, Object>> order(@RequestParam String item) {
    if (item.isBlank() || item.length() > MAX_ITEM) {
      return ResponseEntity.badRequest().body(Map.of("error", "item must be 1 to " + MAX_ITEM + " characters"));
    }
    long id = orders.place(item);
    return ResponseEntity.status(201).body(Map.of("id", id, "item", item));
  }

  @GetMapping("/orders/coupons")
  long coupons() {
    return orders.legacyCouponCount();
  }

  @GetMapping("/orders/{id}")
  ResponseEntity<Map<String, Object>> find(@PathVariable long id) {
    return orders.find(id).<ResponseEntity<Map<String, Object>>>map(item -> ResponseEntity.ok(Map.of("id", id, "item", item)))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }
}
