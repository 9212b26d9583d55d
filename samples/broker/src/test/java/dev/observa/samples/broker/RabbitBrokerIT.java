package dev.observa.samples.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test broker's own lifecycle: listening on loopback only while it runs, nothing left behind after close. */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class RabbitBrokerIT {

  @Test
  void aClosedBrokerLeavesNoProcessAndNoListener() throws Exception {
    List<ProcessHandle> started;
    RabbitBroker broker = RabbitBroker.start(Path.of("target", "rabbitmq-lifecycle").toAbsolutePath());
    try {
      assertThat(broker.accepting()).isTrue();
      started = broker.processes();
      assertThat(started).as("epmd, the server script and the Erlang VM").hasSizeGreaterThanOrEqualTo(3);
    } finally {
      broker.close();
    }
    assertThat(started).noneMatch(ProcessHandle::isAlive);
    assertThat(broker.accepting()).isFalse();
    assertThat(broker.processes()).isEmpty();
    broker.close(); // a second close is harmless
  }
}
