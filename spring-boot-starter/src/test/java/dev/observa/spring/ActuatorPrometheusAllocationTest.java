package dev.observa.spring;

import static dev.observa.metrics.ScrapeAllocation.SERIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.metrics.ScrapeAllocation;
import io.micrometer.core.instrument.config.MeterFilter;
import java.io.IOException;
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
 * on Tomcat's threads around one scrape over a kept-alive connection ({@link ScrapeAllocation}). Boot's own
 * endpoint (streaming turned off), which copies the answer into a {@code byte[]}, is measured the same way and
 * printed for comparison. Not a timing assertion.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ActuatorPrometheusAllocationTest {

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
      ScrapeAllocation.tenThousandSeries(context.getBean(Observa.class));
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
      ScrapeAllocation.tenThousandSeries(context.getBean(Observa.class));
      return best(((WebServerApplicationContext) context).getWebServer().getPort(), accept);
    }
  }

  /** @return the least bytes Tomcat's connector threads allocated for one scrape on a kept-alive connection */
  private static long best(int port, String accept) throws IOException {
    return ScrapeAllocation.leastPerScrape(port, "/actuator/prometheus", "Accept: " + accept + "\r\n", "http-nio-",
        SERIES * 20L);
  }
}
