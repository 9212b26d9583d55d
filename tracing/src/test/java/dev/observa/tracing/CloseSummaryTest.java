package dev.observa.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.metrics.PrometheusMetrics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Closing the facade logs one line with what the tracing and metrics backends lost, by reason (issue 14). */
class CloseSummaryTest {

  @Test
  void closingLogsOneLineWithSpanAndMetricLossesByReason() {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger observaLog = Logger.getLogger("dev.observa");
    observaLog.addHandler(capture);
    try {
      Observa obs = Observa.builder().noDiscovery().metrics(PrometheusMetrics.create())
          .tracing(OtelTracing.builder().recentTraces(1).build()).build();
      obs.gauge("broken").observe(() -> {
        throw new AssertionError("broken callback");
      });
      obs.unwrap(PrometheusMetrics.class).scrape(null);
      obs.span("a").start().end();
      obs.span("b").start().end(); // a second trace evicts the first from a store of one
      obs.unwrap(RecentTraces.class).traceIds();
      obs.close();
    } finally {
      observaLog.removeHandler(capture);
    }
    assertThat(records).as(records.stream().map(LogRecord::getMessage).toList().toString())
        .filteredOn(r -> r.getMessage().contains("closed; spans lost")).singleElement()
        .satisfies(r -> assertThat(r.getMessage()).contains("recent_evicted_traces=1", "callback_failures=1",
            "queue_full=0"));
  }
}
