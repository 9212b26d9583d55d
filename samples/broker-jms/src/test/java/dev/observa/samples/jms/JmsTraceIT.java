package dev.observa.samples.jms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.test.contract.HopSpan;
import dev.observa.test.contract.RemoteHopTraceContract;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 16's proof that a trace crosses a real JMS broker with its baggage intact ({@link RemoteHopTraceContract},
 * as for RabbitMQ and Kafka): ActiveMQ Artemis runs in this JVM (Spring Boot's embedded mode: the real broker,
 * in-VM acceptor); {@code JmsTemplate} sends to a topic, the {@code @JmsListener} receives, and a second subscriber
 * on the topic is the raw JMS view of the message's properties.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = JmsBrokerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "observa.tracing.recent-traces=1000")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JmsTraceIT extends RemoteHopTraceContract {
  @LocalServerPort
  int port;

  @Autowired
  Observa observa;

  @Autowired
  ConnectionFactory connections;

  private CapturedOutput output;

  @BeforeEach
  void capture(CapturedOutput output) {
    this.output = output;
  }

  @Override
  protected int port() {
    return port;
  }

  @Override
  protected CarrierView viewCarrier() throws Exception {
    Connection connection = connections.createConnection();
    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    MessageConsumer copy = session.createConsumer(session.createTopic(JmsBrokerApplication.TOPIC));
    connection.start();
    return new CarrierView() {
      @Override
      public Map<String, String> await(String item) throws Exception {
        Message message = copy.receive(TimeUnit.SECONDS.toMillis(30));
        assertThat(message).as("the message reached the second subscriber").isNotNull();
        Map<String, String> properties = new TreeMap<>();
        for (Object name : Collections.list(message.getPropertyNames())) {
          properties.put((String) name, String.valueOf(message.getObjectProperty((String) name)));
        }
        return properties;
      }

      @Override
      public void close() throws Exception {
        connection.close();
      }
    };
  }

  @Override
  protected void sendRaw(String item, Map<String, String> headers) throws Exception {
    try (Connection connection = connections.createConnection();
         Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
      MessageProducer producer = session.createProducer(session.createTopic(JmsBrokerApplication.TOPIC));
      TextMessage message = session.createTextMessage(item);
      for (Map.Entry<String, String> header : headers.entrySet()) {
        message.setStringProperty(header.getKey(), header.getValue());
      }
      producer.send(message);
    }
  }

  @Override
  protected List<HopSpan> spans(String traceId) {
    return HopSpan.recent(observa, traceId);
  }

  @Override
  protected String logOutput() {
    return output.getOut();
  }
}
