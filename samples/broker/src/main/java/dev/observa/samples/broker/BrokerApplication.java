package dev.observa.samples.broker;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A trace across a real message broker: {@code POST /orders?item=book} publishes the item with Spring AMQP's
 * {@code RabbitTemplate} to the fanout exchange {@value #EXCHANGE}; {@link OrderListener} receives it from the
 * queue {@value #QUEUE}, logs it and calls {@code GET /audit} over HTTP. Spring AMQP's observations are on
 * (see {@code application.properties}), so the message carries {@code traceparent} and the declared baggage.
 *
 * <pre>{@code
 * java -jar target/broker.jar --spring.rabbitmq.port=5672
 * curl -X POST -H 'baggage: channel=mobile' 'http://127.0.0.1:8080/orders?item=book'
 * }</pre>
 */
@SpringBootApplication
public class BrokerApplication {
  /** The exchange orders are published to; any queue bound to it gets a copy. */
  public static final String EXCHANGE = "observa.orders";
  /** The queue {@link OrderListener} consumes. */
  public static final String QUEUE = "observa.orders.audit";

  /**
   * @param args Spring Boot arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(BrokerApplication.class, args);
  }

  @Bean
  FanoutExchange orders() {
    return new FanoutExchange(EXCHANGE);
  }

  @Bean
  Queue auditQueue() {
    return new Queue(QUEUE, false);
  }

  @Bean
  Binding auditBinding(Queue auditQueue, FanoutExchange orders) {
    return BindingBuilder.bind(auditQueue).to(orders);
  }
}
