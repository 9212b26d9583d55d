package dev.observa;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class MeterIdentityTest {
  private final Observa obs = Observa.builder().noDiscovery().build();

  @Test
  void sameNameAndTagKeysRegistersAgain() {
    obs.counter("jobs.done").tag("queue", "a").register();
    assertThatCode(() -> obs.counter("jobs.done").tag("queue", "b").register()).doesNotThrowAnyException();
  }

  @Test
  void sameNameWithAnotherTypeFailsNamingBoth() {
    obs.counter("jobs.done").register();
    assertThatIllegalArgumentException().isThrownBy(() -> obs.gauge("jobs.done").register())
        .withMessageContaining("gauge").withMessageContaining("counter").withMessageContaining("jobs.done");
  }

  @Test
  void dotAndUnderscoreSpellingsOfOneNameAreOneMetric() {
    obs.counter("jobs.done").register();
    assertThatIllegalArgumentException().isThrownBy(() -> obs.histogram("jobs_done").register())
        .withMessageContaining("jobs_done").withMessageContaining("jobs.done");
  }

  @Test
  void sameNameWithOtherTagKeysFails() {
    obs.counter("jobs.done").tag("queue", "a").register();
    assertThatIllegalArgumentException().isThrownBy(() -> obs.counter("jobs.done").tag("region", "eu").register())
        .withMessageContaining("[queue]").withMessageContaining("[region]");
  }
}
