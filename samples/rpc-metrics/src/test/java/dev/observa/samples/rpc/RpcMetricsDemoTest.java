package dev.observa.samples.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The demo served over loopback HTTP shows the seed's metrics, with exemplars under OpenMetrics. */
class RpcMetricsDemoTest {
  @Test
  void servesTheSummaryAndTheLinearHistogramWithExemplars() throws Exception {
    try (RpcMetricsDemo demo = RpcMetricsDemo.start(0)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.port() + "/metrics"))
          .header("Accept", "application/openmetrics-text").build();
      String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline && !(body.contains("trace_id") && body.contains("service=\"exponential\""))) {
        Thread.sleep(100);
        body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
      }
      assertThat(body).contains("# TYPE rpc_durations_seconds summary",
          "rpc_durations_seconds{service=\"uniform\",quantile=\"0.5\"}",
          "rpc_durations_seconds{service=\"normal\",quantile=\"0.99\"}",
          "rpc_durations_seconds{service=\"exponential\",quantile=\"0.9\"}",
          "# TYPE rpc_durations_histogram_seconds histogram",
          "rpc_durations_histogram_seconds_bucket{le=\"-9.9E-4\"}",
          "rpc_durations_histogram_seconds_bucket{le=\"+Inf\"}");
      assertThat(body.lines().filter(l -> l.startsWith("rpc_durations_histogram_seconds_bucket{"))).hasSize(21);
      assertThat(body.lines().filter(l -> l.contains("trace_id")))
          .isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("rpc_durations_histogram_seconds_bucket{"));
      assertThat(body).doesNotContain("rpc_durations_histogram_seconds_sum").endsWith("# EOF\n");
    }
  }
}
