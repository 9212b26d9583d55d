package dev.observa.samples.db;

import dev.observa.annotation.Observe;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** The business step between the controller and the repository: an INTERNAL span, parent of the queries. */
@Service
class OrderService {
  private final OrderRepository repository;

  OrderService(OrderRepository repository) {
    this.repository = repository;
  }

  @Observe("orders.place")
  public long place(String item) {
    long id = repository.insert(item);
    repository.countOpen();
    return id;
  }

  @Observe("orders.coupons")
  public long legacyCouponCount() {
    return repository.legacyCouponCount();
  }

  @Observe("orders.find")
  public Optional<String> find(long id) {
    return repository.find(id);
  }
}
