package dev.observa.spring;

import static dev.observa.metrics.ScrapeAllocation.SERIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.metrics.ScrapeAllocation;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

/**
 * The starter's {@code /metrics} servlet, served by a real Tomcat on loopback, answers a scrape of 10,000
 * series within 10 bytes allocated per series (issue 19), plain and gzipped: measured with
 * {@code ThreadMXBean.getThreadAllocatedBytes} on Tomcat's threads around one scrape. Not a timing assertion.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MetricsServletAllocationTest {
  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ObservaAutoConfiguration.class, ObservaWebAutoConfiguration.class))
      .withClassLoader(new FilteredClassLoader(PrometheusScrapeEndpoint.class))
      .withPropertyValues("observa.metrics.endpoint=true");

  @Test
  void theMetricsServletScrapesTenThousandSeriesWithinTenBytesPerSeries() {
    runner.run(context -> {
      Observa obs = context.getBean(Observa.class);
      ScrapeAllocation.tenThousandSeries(obs);
      HttpServlet servlet = (HttpServlet) context.getBean(ServletRegistrationBean.class).getServlet();
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(java.nio.file.Files.createTempDirectory("observa-tomcat").toString());
      tomcat.setHostname("127.0.0.1");
      tomcat.getConnector().setProperty("address", "127.0.0.1");
      tomcat.getConnector().setPort(0);
      Context root = tomcat.addContext("", null);
      Tomcat.addServlet(root, "metrics", servlet);
      root.addServletMappingDecoded("/metrics", "metrics");
      tomcat.start();
      try {
        int port = tomcat.getConnector().getLocalPort();
        for (String encoding : new String[] {null, "gzip"}) {
          long best = Long.MAX_VALUE;
          for (int round = 0; round < 30; round++) { // warms up, then keeps the least (GC-free) measurement
            long before = ScrapeAllocation.threadsAllocatedBytes("http-nio-");
            long received = scrape(port, encoding);
            best = Math.min(best, ScrapeAllocation.threadsAllocatedBytes("http-nio-") - before);
            assertThat(received).isGreaterThan(encoding == null ? SERIES * 20L : 1000);
          }
          System.out.println("/metrics servlet scrape of " + SERIES + " series (" + (encoding == null ? "plain" : encoding)
              + ") allocated " + best + " bytes = " + best / SERIES + " B/series");
          assertThat(best).as("bytes allocated per scrape (%s)", encoding).isLessThanOrEqualTo(10L * SERIES);
        }
      } finally {
        tomcat.stop();
        tomcat.destroy();
      }
    });
  }

  private static long scrape(int port, String encoding) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          + (encoding == null ? "" : "Accept-Encoding: " + encoding + "\r\n") + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] sink = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(sink)) >= 0; ) {
        total += n;
      }
      return total;
    }
  }
}
