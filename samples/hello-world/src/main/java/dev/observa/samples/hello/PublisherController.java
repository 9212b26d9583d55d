package dev.observa.samples.hello;

import static dev.observa.log.Field.field;

import dev.observa.Observa;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** publisher: prints the greeting (as a JSON log line). */
@RestController
@ConditionalOnProperty(name = "sample.role", havingValue = "publisher")
class PublisherController {
  private final Observa observa;

  PublisherController(Observa observa) {
    this.observa = observa;
  }

  @GetMapping(path = "/publish", produces = MediaType.TEXT_PLAIN_VALUE)
  String publish(@RequestParam String helloStr) {
    observa.logger("publisher").info("published", field("text", helloStr));
    return "published";
  }
}
