package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observa.annotation.Observe;
import dev.observa.test.ObservaCapture;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

/**
 * OpenTelemetry semantic conventions, "Recording errors": "Errors that were retried or handled (allowing an
 * operation to complete gracefully) SHOULD NOT be recorded on spans or metrics that describe this operation",
 * and "Span Status Code MUST be left unset if the instrumented operation has ended without any errors."
 */
@Timeout(30)
class ObserveIgnoredExceptionsTest {
  private final ObservaCapture capture = ObservaCapture.start();

  /** A business outcome, not a failure. */
  static class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message);
    }
  }

  /** A subclass: ignoring a type ignores its subclasses. */
  static final class OrderNotFound extends NotFound {
    OrderNotFound() {
      super("no such order");
    }
  }

  static final class QuotaExceeded extends RuntimeException {}

  public static class Orders {
    @Observe(value = "order.lookup", ignoreExceptions = NotFound.class)
    public String lookup(String id) {
      if (id.equals("missing")) {
        throw new OrderNotFound();
      }
      if (id.equals("broken")) {
        throw new IllegalStateException("database down");
      }
      return "order " + id;
    }

    @Observe(value = "order.lookup.async", ignoreExceptions = NotFound.class)
    public CompletableFuture<String> lookupLater(String id) {
      return CompletableFuture.failedFuture(new OrderNotFound());
    }

    @Observe("order.place")
    public void place() {
      throw new QuotaExceeded();
    }
  }

  private Orders proxy(List<Class<? extends Throwable>> ignoredEverywhere) {
    AspectJProxyFactory factory = new AspectJProxyFactory(new Orders());
    factory.setProxyTargetClass(true);
    factory.addAspect(new ObserveAspect(capture.observa(), new ObservaProperties.Metrics(), ignoredEverywhere));
    return factory.getProxy();
  }

  @AfterEach
  void close() {
    capture.close();
  }

  private SpanData span(String name) {
    return capture.spans().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void anIgnoredExceptionReachesTheCallerButTheSpanAndMetricsCountASuccess() {
    Orders orders = proxy(List.of());
    assertThatThrownBy(() -> orders.lookup("missing")).isInstanceOf(OrderNotFound.class);

    SpanData span = span("order.lookup");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isNull();
    assertThat(span.getEvents()).noneMatch(event -> event.getName().equals("exception"));
    assertThat(capture.openMetrics()).contains("order_lookup_requests_total{error_type=\"\",outcome=\"success\"} 1.0")
        .doesNotContain("outcome=\"error\"");
  }

  @Test
  void anExceptionNotListedIsStillAnError() {
    Orders orders = proxy(List.of());
    assertThatThrownBy(() -> orders.lookup("broken")).isInstanceOf(IllegalStateException.class);

    SpanData span = span("order.lookup");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getEvents()).anyMatch(event -> event.getName().equals("exception"));
    assertThat(capture.openMetrics()).contains("outcome=\"error\"").contains("IllegalStateException");
  }

  @Test
  void aFutureFailingWithAnIgnoredExceptionCountsAsASuccess() {
    Orders orders = proxy(List.of());
    assertThatThrownBy(() -> orders.lookupLater("missing").join()).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(OrderNotFound.class);

    assertThat(span("order.lookup.async").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(capture.openMetrics()).contains("order_lookup_async_requests_total{error_type=\"\",outcome=\"success\"} 1.0");
  }

  @Test
  void exceptionsIgnoredEverywhereApplyToEveryObservedMethod() {
    Orders orders = proxy(List.of(QuotaExceeded.class));
    assertThatThrownBy(orders::place).isInstanceOf(QuotaExceeded.class);

    assertThat(span("order.place").getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(capture.openMetrics()).contains("order_place_requests_total{error_type=\"\",outcome=\"success\"} 1.0");
  }
}
