package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import io.micrometer.core.instrument.config.MeterFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Actuator's {@code /actuator/prometheus}, with the starter, served by a real Spring Boot application (Tomcat,
 * Spring MVC, Actuator) on loopback, answers a scrape of 10,000 series within 10 bytes allocated per series
 * (issue 19), in the text format and in OpenMetrics: measured with {@code ThreadMXBean.getThreadAllocatedBytes}
 * on Tomcat's threads around one scrape over a kept-alive connection. Boot's own endpoint (streaming turned off), which copies the answer
 * into a {@code byte[]}, is measured the same way and printed for comparison. Not a timing assertion.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ActuatorPrometheusAllocationTest {
  private static final int SERIES = 550 * 17 + 650;
  private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10};

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {
    /** Only the 10,000 series: Boot's JVM and system meters (read from /proc and cgroups at each scrape) off. */
    @Bean
    MeterFilter onlyTheTenThousandSeries() {
      return MeterFilter.denyUnless(id -> id.getName().startsWith("bench."));
    }
  }

  private static ConfigurableApplicationContext start(boolean streaming) {
    return new SpringApplicationBuilder(App.class).properties("server.port=0", "server.address=127.0.0.1",
        "management.endpoints.web.exposure.include=prometheus", "spring.main.banner-mode=off",
        "observa.metrics.actuator-streaming=" + streaming).run();
  }

  @Test
  void actuatorPrometheusScrapesTenThousandSeriesWithinTenBytesPerSeries() throws Exception {
    long boots = measure(false, "text/plain");
    try (ConfigurableApplicationContext context = start(true)) {
      tenThousandSeries(context.getBean(Observa.class));
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      for (String accept : new String[] {"text/plain", "application/openmetrics-text; version=1.0.0"}) {
        long best = best(port, accept);
        System.out.println("/actuator/prometheus (Observa, streamed) scrape of " + SERIES + " series (" + accept
            + ") allocated " + best + " bytes = " + best / SERIES + " B/series; Boot's endpoint (text): " + boots
            + " bytes = " + boots / SERIES + " B/series");
        assertThat(best).as("bytes allocated per scrape (%s)", accept).isLessThanOrEqualTo(10L * SERIES);
      }
    }
  }

  private static long measure(boolean streaming, String accept) throws Exception {
    try (ConfigurableApplicationContext context = start(streaming)) {
      tenThousandSeries(context.getBean(Observa.class));
      return best(((WebServerApplicationContext) context).getWebServer().getPort(), accept);
    }
  }

  private static void tenThousandSeries(Observa obs) {
    for (int i = 0; i < 550; i++) {
      dev.observa.meter.Histogram histogram = obs.histogram("bench.latency." + i).buckets(BUCKETS).register();
      for (int v = 0; v < 20; v++) {
        histogram.record(v * 0.37);
      }
    }
    for (int i = 0; i < 650; i++) {
      obs.counter("bench.requests." + i).register().increment(i);
    }
  }

  /**
   * @return the least bytes Tomcat's threads allocated for one scrape, over 30 (warm-up, then GC-free ones) on one
   *     kept-alive connection, as Prometheus scrapes: the scrape is measured, not Tomcat's per-connection set-up
   */
  private static long best(int port, String accept) throws IOException {
    long best = Long.MAX_VALUE;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      for (int round = 0; round < 30; round++) {
        long before = TomcatThreads.allocatedBytes();
        long length = scrape(socket, accept);
        best = Math.min(best, TomcatThreads.allocatedBytes() - before);
        assertThat(length).isGreaterThan(SERIES * 20L);
      }
    }
    return best;
  }

  /** Sends one scrape on the kept-alive connection and reads its answer (Content-Length framed); the body's length. */
  private static long scrape(Socket socket, String accept) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(("GET /actuator/prometheus HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + accept + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("answer head so far: %s", head).isNotNegative();
      head.append((char) b);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 200");
    long length = -1;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    assertThat(length).as("Content-Length of %s", head).isPositive();
    byte[] sink = new byte[64 * 1024];
    for (long left = length; left > 0; ) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      assertThat(n).as("body cut short").isNotNegative();
      left -= n;
    }
    return length;
  }
}
