package dev.observa.samples.hello;

import static dev.observa.log.Field.field;

import dev.observa.Observa;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** formatter: reads {@code greeting} from baggage and formats {@code "Bonjour, Bryan!"}. */
@RestController
@ConditionalOnProperty(name = "sample.role", havingValue = "formatter")
class FormatterController {
  private final Observa observa;

  FormatterController(Observa observa) {
    this.observa = observa;
  }

  @GetMapping(path = "/format", produces = MediaType.TEXT_PLAIN_VALUE)
  String format(@RequestParam String helloTo) {
    String greeting = observa.context().baggageValue("greeting");
    String text = (greeting == null ? "Hello" : greeting) + ", " + helloTo + "!";
    observa.logger("formatter").info("formatted", field("text", text));
    return text;
  }
}
