package dev.observa.samples.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.MetricFamily;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo served over loopback HTTP shows the seed's metrics, with exemplars under OpenMetrics. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RpcMetricsDemoTest {
  private static final String PROTOBUF = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
      + "encoding=delimited";

  @Test
  void servesTheSummaryAndTheLinearHistogramWithExemplars() throws Exception {
    try (RpcMetricsDemo demo = RpcMetricsDemo.start(0)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.port() + "/metrics"))
          .timeout(Duration.ofSeconds(10)).header("Accept", "application/openmetrics-text").build();
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
      // OpenMetrics 1.0 allows exemplars only on counter _total and histogram _bucket lines
      assertThat(body.lines().filter(l -> l.contains("trace_id"))).isNotEmpty().allSatisfy(l -> assertThat(l)
          .matches("((rpc_durations_histogram|rpc_duration)_seconds_bucket|rpc_requests_total)\\{.*"));
      assertThat(body.lines()).anySatisfy(l -> assertThat(l).startsWith("rpc_requests_total{")
          .contains("outcome=\"success\"", "service=\"uniform\""));
      assertThat(body)
          .contains("rpc_in_flight{service=\"normal\"}");
      assertThat(body).doesNotContain("rpc_durations_histogram_seconds_sum").endsWith("# EOF\n");
      // latencies are non-negative, so no quantile is (a negative one fails the whole OpenMetrics scrape)
      assertThat(body.lines().filter(l -> l.startsWith("rpc_durations_seconds{")))
          .isNotEmpty().noneSatisfy(l -> assertThat(l).contains("} -"));
      // the highest negative bound holds nothing
      assertThat(body).contains("rpc_durations_histogram_seconds_bucket{le=\"-9.0E-5\"} 0");
    }
  }

  @Test
  void servesTheHistogramsNativeBucketsOfFactorOnePointOneInProtobuf() throws Exception {
    try (RpcMetricsDemo demo = RpcMetricsDemo.start(0)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.port() + "/metrics"))
          .timeout(Duration.ofSeconds(10)).header("Accept", PROTOBUF).build();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      MetricFamily histogram = null;
      while (System.nanoTime() < deadline) {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
            .startsWith("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily"));
        histogram = families(response.body()).stream()
            .filter(f -> f.getName().equals("rpc_durations_histogram_seconds")).findFirst().orElse(null);
        if (histogram != null && histogram.getMetric(0).getHistogram().getSampleCount() > 0) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(histogram).isNotNull();
      var h = histogram.getMetric(0).getHistogram();
      assertThat(h.getSchema()).isEqualTo(3);
      assertThat(h.getPositiveSpanCount() + h.getZeroCount()).isPositive();
      assertThat(h.getNegativeSpanCount()).as("no negative latencies").isZero();
      assertThat(h.getBucketCount()).as("classic buckets alongside").isEqualTo(21);
    }
  }

  @Test
  void theNormalServicesLatenciesAreNeverNegative() {
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      assertThat(RpcMetricsDemo.truncatedNormal(random)).isGreaterThanOrEqualTo(0);
    }
  }

  private static List<MetricFamily> families(byte[] body) throws java.io.IOException {
    List<MetricFamily> families = new ArrayList<>();
    ByteArrayInputStream in = new ByteArrayInputStream(body);
    MetricFamily family;
    while ((family = MetricFamily.parseDelimitedFrom(in)) != null) {
      families.add(family);
    }
    return families;
  }
}
