package dev.observa.log;

import static dev.observa.log.Field.field;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoggerContractTest {
  /** A logger that keeps what it was asked to log. */
  private static final class KeepingLogger implements Logger {
    final List<String> lines = new ArrayList<>();

    @Override
    public String name() {
      return "keeping";
    }

    @Override
    public boolean isEnabled(Level level) {
      return true;
    }

    @Override
    public void log(Level level, String message, Field... fields) {
      lines.add(level + " " + message + " " + List.of(fields).stream().map(Field::toString).toList());
    }

    @Override
    public Logger with(Field... fields) {
      return this;
    }

    @Override
    public Logger named(String child) {
      return this;
    }
  }

  @Test
  void eachLevelMethodLogsAtItsLevelWithItsFields() {
    KeepingLogger logger = new KeepingLogger();
    logger.trace("t");
    logger.debug("d");
    logger.info("i", field("attempt", 3));
    logger.warn("w");
    logger.error("e", Field.error(new IllegalStateException("x")));
    assertThat(logger.lines).extracting(line -> line.substring(0, line.indexOf(' ')))
        .containsExactly("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    assertThat(logger.lines.get(2)).contains("attempt").contains("3");
    assertThat(logger.lines.get(4)).contains("error");
  }

  @Test
  void fieldsKeepTheirTypedValueAndANullKeyIsNamedNull() {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    assertThat(field("n", 3L).value()).isEqualTo(3L);
    assertThat(field("x", 0.5).value()).isEqualTo(0.5);
    assertThat(field("ok", true).value()).isEqualTo(true);
    assertThat(field("took", Duration.ofMillis(5)).value()).isEqualTo(Duration.ofMillis(5));
    assertThat(field("at", now).value()).isEqualTo(now);
    assertThat(field("tags", Map.of("a", 1)).value()).isEqualTo(Map.of("a", 1));
    assertThat(field("items", List.of(1, 2)).value()).isEqualTo(List.of(1, 2));
    assertThat(Field.any("obj", 'c').value()).isEqualTo('c');
    assertThat(field(null, "v").key()).isEqualTo("null");
    assertThat(field("s", (String) null).value()).isNull();
  }
}
