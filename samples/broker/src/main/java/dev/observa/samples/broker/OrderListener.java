package dev.observa.samples.broker;

import static dev.observa.log.Field.field;

import dev.observa.Observa;
import dev.observa.log.Logger;
import java.time.Duration;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.core.env.Environment;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Receives each order from {@value BrokerApplication#QUEUE}, logs it (the line carries the trace id and the
 * declared baggage the message brought) and calls {@code GET /audit} on this service, by default, or on
 * {@code sample.audit-url}. A failed call is logged, never thrown: the message is not redelivered forever.
 */
@Component
class OrderListener {
  private final Logger log;
  private final RestClient audit;

  OrderListener(Observa observa, RestClient.Builder clients, Environment environment) {
    this.log = observa.logger("order-listener");
    SimpleClientHttpRequestFactory bounded = new SimpleClientHttpRequestFactory();
    bounded.setConnectTimeout(Duration.ofSeconds(1));
    bounded.setReadTimeout(Duration.ofSeconds(3));
    this.audit = clients.clone().requestFactory(bounded)
        .baseUrl(environment.getProperty("sample.audit-url",
            "http://127.0.0.1:" + environment.getProperty("server.port", "8080")))
        .build();
  }

  @RabbitListener(queues = BrokerApplication.QUEUE)
  void receive(String item) {
    log.info("order received", field("item", item));
    try {
      audit.get().uri(u -> u.path("/audit").queryParam("item", "{item}").build(item)).retrieve().toBodilessEntity();
    } catch (RestClientException e) {
      log.error("the audit call failed", field("cause", e.getClass().getSimpleName()));
    }
  }
}
