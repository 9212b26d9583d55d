package dev.observa.spring.errors;

import dev.observa.annotation.Observe;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** An application whose requests fail in every way Spring MVC knows, driven over real HTTP. */
@SpringBootApplication
public class ErrorsApplication {

  /** The application's own "not found": an expected outcome, listed in observa.annotations.ignored-exceptions. */
  @ResponseStatus(HttpStatus.NOT_FOUND)
  public static class NoSuchOrder extends RuntimeException {
    public NoSuchOrder(String id) {
      super("no order " + id);
    }
  }

  /** An observed bean that throws the expected exception. */
  @Component
  public static class Orders {
    @Observe("orders.find")
    public String find(String id) {
      if (id.startsWith("missing")) {
        throw new NoSuchOrder(id);
      }
      return "order " + id;
    }
  }

  @RestController
  static class ErrorsController {
    private final Orders orders;

    ErrorsController(Orders orders) {
      this.orders = orders;
    }

    @GetMapping("/status/{id}")
    String status(@PathVariable String id) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no status " + id);
    }

    @GetMapping("/problem")
    ResponseEntity<ProblemDetail> problem() {
      return ResponseEntity.unprocessableContent().body(ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
          "the cart is empty"));
    }

    @GetMapping("/conflict")
    void conflict(HttpServletResponse response) throws IOException {
      response.sendError(409, "taken");
    }

    @GetMapping("/boom")
    String boom() {
      throw new IllegalStateException("database down");
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable String id) {
      return orders.find(id);
    }
  }
}
