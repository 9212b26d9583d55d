package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.observa.Observa;
import dev.observa.context.DeclaredKey;
import dev.observa.context.ObservaContext;
import dev.observa.context.Route;
import dev.observa.meter.Counter;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

class ContextTagsTest {

  @Test
  void allowListedTenantBecomesABoundedTagReadFromTheContextAtRecordTime() {
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus)
        .declare(DeclaredKey.builder("tenant").routes(Route.LOG).metricTagValues("acme", "globex").build(),
            DeclaredKey.builder("greeting").routes(Route.LOG).build())
        .build()) {
      Counter orders = obs.counter("orders").register();
      try (Scope acme = ObservaContext.current().withTenant("acme").withBaggage("greeting", "Hi").makeCurrent()) {
        orders.increment();
        orders.increment();
      }
      try (Scope evil = ObservaContext.current().withTenant("attacker-" + System.nanoTime()).makeCurrent()) {
        orders.increment();
      }
      orders.increment();
      String text = prometheus.scrape("text/plain").body();
      assertThat(text).contains("orders_total{tenant=\"acme\"} 2.0\n", "orders_total{tenant=\"other\"} 2.0\n");
      assertThat(text).doesNotContain("attacker").doesNotContain("greeting");
    }
  }

  @Test
  void recordsWithAContextTagAllocateNothingOnceTheirSeriesExists() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus)
        .declare(DeclaredKey.builder("tenant").routes(Route.LOG).metricTagValues("acme", "globex").build(),
            DeclaredKey.builder("plan").routes(Route.LOG).metricTagValues("gold").build())
        .build()) {
      Counter orders = obs.counter("orders").register();
      dev.observa.meter.Histogram sizes = obs.histogram("order.size").buckets(1, 10, 100).register();
      dev.observa.meter.CounterFamily byChannel = obs.counter("orders.by.channel").registerFamily("channel");
      long least = Long.MAX_VALUE;
      try (Scope acme = ObservaContext.current().withTenant("acme").withBaggage("plan", "gold").makeCurrent()) {
        for (int round = 0; round < 20; round++) { // the first rounds warm up (and create the series)
          long before = threads.getCurrentThreadAllocatedBytes();
          for (int i = 0; i < 10_000; i++) {
            orders.increment();
            sizes.record(i % 150);
            byChannel.withTagValues("web").increment();
          }
          least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
        }
      }
      assertThat(least).as("bytes allocated by 30,000 records").isLessThan(30_000);
      assertThat(prometheus.scrape("text/plain").body())
          .contains("orders_total{plan=\"gold\",tenant=\"acme\"} 200000.0\n");
    }
  }

  @Test
  void commonAndServiceTagsLabelEverySeries() {
    PrometheusMetrics prometheus = PrometheusMetrics.builder().commonTag("region", "eu").serviceTags(true).build();
    try (Observa obs = Observa.builder().noDiscovery().serviceName("checkout").environment("prod")
        .metrics(prometheus).build()) {
      obs.counter("orders").tag("channel", "web").register().increment();
      assertThat(prometheus.scrape("text/plain").body())
          .contains("orders_total{channel=\"web\",environment=\"prod\",region=\"eu\",service=\"checkout\"} 1.0\n");
      assertThatIllegalArgumentException()
          .isThrownBy(() -> obs.counter("clash").tag("region", "us").register())
          .withMessageContaining("'region'").withMessageContaining("common tag");
    }
  }

  @Test
  void keysDeclaredAsExemplarLabelsJoinTraceAndSpanIdsOnExemplars() {
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus)
        .declare(DeclaredKey.builder("tenant").routes(Route.EXEMPLAR_LABEL).build(),
            DeclaredKey.builder("huge").routes(Route.EXEMPLAR_LABEL).build())
        .build()) {
      io.opentelemetry.api.trace.SpanContext span = io.opentelemetry.api.trace.SpanContext.create(
          "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", io.opentelemetry.api.trace.TraceFlags.getSampled(),
          io.opentelemetry.api.trace.TraceState.getDefault());
      try (Scope scope = ObservaContext.from(io.opentelemetry.context.Context.root()
          .with(io.opentelemetry.api.trace.Span.wrap(span))).withTenant("acme").withBaggage("huge", "x".repeat(200))
          .makeCurrent()) {
        obs.histogram("latency").register().record(0.03);
      }
      assertThat(prometheus.scrape("application/openmetrics-text").body()).contains(
          "latency_bucket{le=\"0.05\"} 1 # {span_id=\"00f067aa0ba902b7\",tenant=\"acme\",trace_id=\"4bf92f3577b34da6a3ce929d0e0e4736\"} 0.03");
    }
  }

  @Test
  void anExemplarLabelWithASecretKeyCarriesTheRedactedValueThroughTheOneAccessor() {
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus)
        .declare(DeclaredKey.builder("session_id").routes(Route.EXEMPLAR_LABEL).build())
        .build()) {
      io.opentelemetry.api.trace.SpanContext span = io.opentelemetry.api.trace.SpanContext.create(
          "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", io.opentelemetry.api.trace.TraceFlags.getSampled(),
          io.opentelemetry.api.trace.TraceState.getDefault());
      try (Scope scope = ObservaContext.from(io.opentelemetry.context.Context.root()
          .with(io.opentelemetry.api.trace.Span.wrap(span))).withBaggage("session_id", "s3cr3t").makeCurrent()) {
        obs.histogram("latency").register().record(0.03);
      }
      String body = prometheus.scrape("application/openmetrics-text").body();
      assertThat(body).contains("session_id=\"[REDACTED]\"").doesNotContain("s3cr3t");
    }
  }

  @Test
  void everyCombinationOfTwoTaggedKeysHasItsOwnSeriesWithOtherForUndeclaredValues() {
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus)
        .declare(DeclaredKey.builder("tenant").routes(Route.LOG).metricTagValues("acme", "globex").build(),
            DeclaredKey.builder("region").routes(Route.LOG).metricTagValues("eu").build())
        .build()) {
      Counter orders = obs.counter("orders").register();
      record(orders, ObservaContext.root().withTenant("acme").withBaggage("region", "eu"), 1);
      record(orders, ObservaContext.root().withTenant("globex"), 2);
      record(orders, ObservaContext.root().withTenant("mallory").withBaggage("region", "eu"), 3);
      record(orders, ObservaContext.root().withBaggage("region", "mars"), 4);
      record(orders, ObservaContext.root().withTenant(new String("acme")).withBaggage("region", "eu"), 5);
      assertThat(prometheus.scrape("text/plain").body()).contains(
          "orders_total{region=\"eu\",tenant=\"acme\"} 6.0\n",
          "orders_total{region=\"other\",tenant=\"globex\"} 2.0\n",
          "orders_total{region=\"eu\",tenant=\"other\"} 3.0\n",
          "orders_total{region=\"other\",tenant=\"other\"} 4.0\n");
    }
  }

  @Test
  void aKeyWithHundredsOfAllowedValuesStillResolvesEachToItsSeries() {
    String[] tenants = new String[300];
    for (int i = 0; i < tenants.length; i++) {
      tenants[i] = "t" + i;
    }
    PrometheusMetrics prometheus = PrometheusMetrics.create();
    try (Observa obs = Observa.builder().noDiscovery().metrics(prometheus)
        .declare(DeclaredKey.builder("tenant").routes(Route.LOG).metricTagValues(tenants).build()).build()) {
      Counter orders = obs.counter("orders").register();
      record(orders, ObservaContext.root().withTenant("t299"), 2);
      record(orders, ObservaContext.root().withTenant("t0"), 1);
      record(orders, ObservaContext.root().withTenant("t300"), 3);
      assertThat(prometheus.scrape("text/plain").body()).contains("orders_total{tenant=\"t299\"} 2.0\n",
          "orders_total{tenant=\"t0\"} 1.0\n", "orders_total{tenant=\"other\"} 3.0\n");
    }
  }

  private static void record(Counter counter, ObservaContext context, int times) {
    try (Scope scope = context.makeCurrent()) {
      for (int i = 0; i < times; i++) {
        counter.increment();
      }
    }
  }
}
