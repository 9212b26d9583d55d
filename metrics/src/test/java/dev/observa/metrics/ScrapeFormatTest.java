package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ScrapeFormatTest {
  /** What Prometheus 2.42 sends with {@code --enable-feature=native-histograms}. */
  static final String PROMETHEUS_PROTOBUF_ACCEPT = "application/vnd.google.protobuf;"
      + "proto=io.prometheus.client.MetricFamily;encoding=delimited,application/openmetrics-text;version=1.0.0;q=0.8,"
      + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      PROMETHEUS_PROTOBUF_ACCEPT + "|PROTOBUF",
      "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
          + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1|OPENMETRICS",
      "application/openmetrics-text; version=1.0.0; charset=utf-8|OPENMETRICS",
      "text/plain;version=0.0.4;q=0.9, application/openmetrics-text;q=0.5|TEXT",
      "application/openmetrics-text;q=0.5, application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
          + "encoding=delimited;q=0.6|PROTOBUF",
      "text/plain, application/openmetrics-text|OPENMETRICS",
      "application/openmetrics-text;q=0, text/plain;q=0.1|TEXT",
      "APPLICATION/OPENMETRICS-TEXT; Q=\"0.7\", text/plain; q=0.3|OPENMETRICS",
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=text, text/plain;q=0.2|TEXT",
      "application/vnd.google.protobuf|TEXT",
      "application/openmetrics-text;version=2.0.0|TEXT",
      "*/*|TEXT",
      "application/json|TEXT",
  })
  void theAcceptableFormatWithTheHighestQualityWinsAndTiesGoToTheRicherFormat(String accept, ScrapeFormat expected) {
    assertThat(ScrapeFormat.negotiate(accept)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {";;;,,,", "application/openmetrics-text;q=abc", "application/openmetrics-text;q=1.5",
      "text/plain;q=-1, application/openmetrics-text;q=NaN"})
  void missingOrMalformedHeadersGetTheTextFormatEveryScraperReads(String accept) {
    assertThat(ScrapeFormat.negotiate(accept)).isEqualTo(ScrapeFormat.TEXT);
  }

  @org.junit.jupiter.api.Test
  void aHugeHeaderIsReadOnlyUpToItsFirstSixtyFourRanges() {
    String accept = "application/json,".repeat(10_000) + "application/openmetrics-text";
    assertThat(ScrapeFormat.negotiate(accept)).isEqualTo(ScrapeFormat.TEXT);
  }
}
