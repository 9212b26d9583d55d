package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.observa.Observa;
import dev.observa.meter.Counter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A counter's exemplar slot goes quiet once it has nothing left to do until the next scrape (filled, or out
 * of span lookups), and every scrape wakes it again, even one racing the record that quiets it.
 */
class CounterExemplarTest {
  private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";
  private static final String SPAN_ID = "b7ad6b7169203331";
  private static final Pattern EXEMPLAR_TRACE = Pattern.compile("quiet_total \\S+ # \\{[^}]*trace_id=\"(\\w+)\"");

  private final PrometheusMetrics prometheus = PrometheusMetrics.create();
  private final Observa obs = Observa.builder().noDiscovery().metrics(prometheus).build();

  @AfterEach
  void close() {
    obs.close();
  }

  private String openMetrics() {
    return prometheus.scrape(OPENMETRICS).body();
  }

  private static Scope span(long n) {
    String traceId = String.format("%032x", n);
    return Span.wrap(SpanContext.create(traceId, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()))
        .makeCurrent();
  }

  private String exemplarTrace() {
    Matcher m = EXEMPLAR_TRACE.matcher(openMetrics());
    return m.find() ? m.group(1) : null;
  }

  @Test
  void aCounterTakesAFreshExemplarOncePerScrape() {
    Counter counter = obs.counter("quiet").register();
    for (long n = 1; n <= 3; n++) {
      try (Scope scope = span(n)) {
        counter.increment();
      }
    }
    assertThat(exemplarTrace()).isEqualTo(String.format("%032x", 1));
    for (long n = 4; n <= 6; n++) {
      try (Scope scope = span(n)) {
        counter.increment();
      }
    }
    assertThat(exemplarTrace()).isEqualTo(String.format("%032x", 4));
  }

  @Test
  void anUntracedCounterStopsLookingForSpansUntilTheNextScrapeThenTakesOne() {
    Counter counter = obs.counter("quiet").register();
    for (int i = 0; i < 1000; i++) {
      counter.increment();
    }
    try (Scope scope = span(7)) {
      counter.increment(); // the lookups of this scrape interval are spent
    }
    assertThat(exemplarTrace()).isNull();
    try (Scope scope = span(8)) {
      counter.increment();
    }
    assertThat(exemplarTrace()).isEqualTo(String.format("%032x", 8));
  }

  @Test
  @Timeout(60)
  void everyScrapeRacingRecordsStillGetsAFreshExemplar() throws Exception {
    Counter counter = obs.counter("quiet").register();
    AtomicLong done = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService recorder = Executors.newSingleThreadExecutor();
    try {
      Future<?> records = recorder.submit(() -> {
        for (long n = 1; !stop.get(); n++) {
          try (Scope scope = span(n)) {
            counter.increment();
          }
          done.set(n);
        }
      });
      long[] taken = new long[300]; // the record number of each scrape's exemplar, -1 for none
      for (int scrape = 0; scrape < taken.length; scrape++) {
        String trace = exemplarTrace();
        taken[scrape] = trace == null ? -1 : Long.parseLong(trace, 16);
        long after = done.get();
        // record after + 2 began after this scrape returned, so it ran wholly in the scrape's new generation
        while (done.get() < after + 2) {
          assertThat(records.isDone()).isFalse();
          Thread.onSpinWait();
        }
      }
      // a scrape shows the first exemplar of the generation its predecessor began (or of its own, when a
      // record came between its generation step and its read): two scrapes on, it must be a later record's
      for (int scrape = 2; scrape < taken.length; scrape++) {
        assertThat(taken[scrape]).as("scrape %d", scrape).isGreaterThan(taken[scrape - 2]);
      }
      stop.set(true);
      records.get(10, TimeUnit.SECONDS);
    } finally {
      stop.set(true);
      recorder.shutdownNow();
    }
  }
}
