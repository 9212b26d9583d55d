package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import dev.observa.Observa;
import dev.observa.logging.ObservaAsyncAppender;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

class ObservaAsyncConsoleTest {

  @Configuration(proxyBeanMethods = false)
  static class Empty {}

  /** A stdout whose reader went away: every write waits until released. */
  private static final class StuckStream extends OutputStream {
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aStdoutNobodyReadsNeverBlocksTheLoggingThreadAndDropsAreCounted() {
    LoggerContext logback = new LoggerContext();
    logback.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(logback);
    console.setName(ObservaAsyncConsole.CONSOLE);
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(logback);
    encoder.setPattern("%msg%n");
    encoder.start();
    console.setEncoder(encoder);
    console.start();
    logback.getLogger("ROOT").addAppender(console);
    PrintStream original = System.out;
    StuckStream stuck = new StuckStream();
    System.setOut(new PrintStream(stuck, false));
    try {
      ObservaAsyncAppender async = ObservaAsyncConsole.Logback.wrap(logback, 64);
      assertThat(async).isNotNull();
      assertThat(logback.getLogger("ROOT").getAppender(ObservaAsyncConsole.CONSOLE)).isNull();
      assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        for (int i = 0; i < 1000; i++) {
          logback.getLogger("request").info("request {}", i); // 196 of these blocked with the synchronous console
        }
      });
      assertThat(async.droppedEvents()).isGreaterThan(800);
      stuck.release.countDown();
      async.stop();
    } finally {
      stuck.release.countDown();
      System.setOut(original);
    }
  }

  @Test
  void theListenerPutsBootsDefaultConsoleBehindTheAsyncAppender() {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
        .web(WebApplicationType.NONE).properties("observa.logging.queue-size=128").run()) {
      LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
      ch.qos.logback.classic.Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      assertThat(root.getAppender(ObservaAsyncConsole.CONSOLE)).isNull();
      assertThat(root.getAppender(ObservaAsyncConsole.ASYNC_NAME)).isInstanceOfSatisfying(ObservaAsyncAppender.class,
          async -> {
            assertThat(async.getQueueSize()).isEqualTo(128);
            assertThat(async.getAppender(ObservaAsyncConsole.CONSOLE)).isInstanceOf(ConsoleAppender.class);
          });
    }
  }

  @Test
  void invalidRedactionPropertiesStopStartupNamingTheValue() {
    ObservaProperties properties = new ObservaProperties();
    properties.getRedaction().getPatterns().add("(unclosed");
    assertThatThrownBy(properties::validate).isInstanceOfSatisfying(InvalidObservaPropertyException.class, e -> {
      assertThat(e.property()).isEqualTo("observa.redaction.patterns");
      assertThat(e.value()).isEqualTo("(unclosed");
    });
  }

  @Test
  void redactionPropertiesExtendTheDefaultPolicy() {
    ObservaProperties properties = new ObservaProperties();
    properties.getRedaction().getKeys().add("iban");
    assertThat(properties.getRedaction().toPolicy().isSecretKey("customer_iban")).isTrue();
    assertThat(properties.getRedaction().toPolicy().isSecretKey("access_token")).isTrue();
    assertThat(Observa.noop().settings().redaction().isSecretKey("customer_iban")).isFalse();
  }
}
