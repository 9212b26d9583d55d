package dev.observa.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observa.Observa;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A Micrometer meter and an Observa metric of one Prometheus name in one registry are refused at registration,
 * whichever comes first, so no scrape ever breaks (issue 14).
 */
class MeterNameClashTest {

  private static Observa observa(PrometheusMetrics metrics) {
    return Observa.builder().noDiscovery().metrics(metrics).build();
  }

  @Test
  void aMicrometerMeterRegisteredAfterAnObservaMetricOfTheSameNameIsRefusedNamingBoth() {
    PrometheusMetrics metrics = PrometheusMetrics.create();
    Observa obs = observa(metrics);
    obs.counter("shop.orders").register().increment();
    assertThatThrownBy(() -> metrics.registry().counter("shop.orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Micrometer meter 'shop.orders'").hasMessageContaining("Observa counter 'shop.orders'")
        .hasMessageContaining("shop_orders");
    metrics.registry().counter("shop.refunds").increment();
    assertThat(metrics.registry().scrape()).contains("shop_orders_total 1.0", "shop_refunds_total 1.0");
    assertThat(metrics.scrape(null).body()).contains("shop_orders_total 1.0", "shop_refunds_total 1.0");
  }

  @Test
  void anObservaMetricRegisteredAfterAMicrometerMeterOfTheSameNameIsRefusedNamingBoth() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("shop.orders").increment(2);
    PrometheusMetrics metrics = PrometheusMetrics.using(registry);
    Observa obs = observa(metrics);
    assertThatThrownBy(() -> obs.counter("shop.orders").register())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Observa counter 'shop.orders'").hasMessageContaining("Micrometer meter 'shop.orders'");
    AtomicInteger depth = new AtomicInteger(3);
    assertThatThrownBy(() -> obs.gauge("shop.orders.total").observe(depth, AtomicInteger::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shop_orders_total");
    obs.counter("shop.payments").register().increment();
    assertThat(registry.scrape()).contains("shop_orders_total 2.0", "shop_payments_total 1.0");
    assertThat(metrics.scrape(null).body()).contains("shop_orders_total 2.0", "shop_payments_total 1.0");
  }

  @Test
  void aClashOnASuffixIsRefusedTooAndDistinctNamesPass() {
    PrometheusMetrics metrics = PrometheusMetrics.create();
    Observa obs = observa(metrics);
    obs.timer("checkout.duration").register();
    // checkout_duration_seconds_count is a line of the Observa histogram
    assertThatThrownBy(() -> metrics.registry().gauge("checkout.duration.seconds.count", 1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkout_duration_seconds_count");
    assertThatCode(() -> metrics.registry().timer("checkout.db")).doesNotThrowAnyException();
    assertThatCode(() -> obs.counter("checkout.duration.retries").register()).doesNotThrowAnyException();
    assertThat(metrics.registry().scrape()).contains("checkout_db_seconds_count", "checkout_duration_retries_total");
  }

  @Test
  void aGuardInstalledBeforeTheFirstMeterIsUsedAsGiven() {
    MeterNameGuard guard = MeterNameGuard.create();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(guard);
    registry.counter("jvm.threads.started");
    Observa obs = observa(PrometheusMetrics.builder().registry(registry).nameGuard(guard).build());
    obs.counter("orders").register();
    assertThatThrownBy(() -> registry.counter("orders")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> obs.counter("jvm.threads.started").register()).isInstanceOf(IllegalArgumentException.class);
  }
}
