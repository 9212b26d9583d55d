package dev.observa.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.observa.annotation.Observe;
import dev.observa.context.ObservaContext;
import dev.observa.test.ObservaCapture;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code @Observe} methods returning a Reactor {@code Mono} or {@code Flux}: observed until the result terminates. */
@Timeout(60)
class ObserveAspectReactiveTest {
  private final ObservaCapture capture = ObservaCapture.start();

  @AfterEach
  void close() {
    capture.close();
  }

  /** The observed bean. */
  public static class Quotes {
    @Observe("quotes.price")
    public Mono<String> price() {
      // assembled now, subscribed later: the trace id is read when the Mono is subscribed to
      return Mono.fromSupplier(() -> ObservaContext.current().spanId()).delayElement(Duration.ofMillis(20));
    }

    @Observe("quotes.fail")
    public Mono<String> fail() {
      return Mono.<String>error(new IllegalStateException("no stock")).subscribeOn(Schedulers.parallel());
    }

    @Observe(value = "quotes.absent", ignoreExceptions = java.util.NoSuchElementException.class)
    public Mono<String> absent() {
      return Mono.<String>error(new java.util.NoSuchElementException("unknown item")).subscribeOn(Schedulers.parallel());
    }

    @Observe("quotes.list")
    public Flux<Integer> list() {
      return Flux.range(1, 3).publishOn(Schedulers.parallel());
    }
  }

  private Quotes proxy() {
    AspectJProxyFactory factory = new AspectJProxyFactory(new Quotes());
    factory.setProxyTargetClass(true);
    factory.addAspect(new ObserveAspect(capture.observa(), new ObservaProperties().getMetrics()));
    return factory.getProxy();
  }

  private SpanData awaitSpan(Predicate<SpanData> match) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (capture.spans().stream().noneMatch(match) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return capture.spans().stream().filter(match).findFirst().orElseThrow();
  }

  @Test
  void aMonoResultsSpanIsCurrentWhileSubscribedAndEndsWhenItCompletes() throws Exception {
    Mono<String> price = proxy().price();
    assertThat(capture.spans()).as("not ended before the Mono completes").noneMatch(s -> s.getName().equals("quotes.price"));
    assertThat(ObservaContext.current().spanContext().isValid()).as("the caller's context is restored").isFalse();

    String spanIdSeenInside = price.block(Duration.ofSeconds(20));

    SpanData span = awaitSpan(s -> s.getName().equals("quotes.price"));
    assertThat(spanIdSeenInside).isEqualTo(span.getSpanId());
    assertThat(span.getEndEpochNanos() - span.getStartEpochNanos()).isGreaterThanOrEqualTo(
        TimeUnit.MILLISECONDS.toNanos(20));
  }

  @Test
  void aFailedMonoRecordsTheErrorOnItsSpan() throws Exception {
    assertThatThrownBy(() -> proxy().fail().block(Duration.ofSeconds(20))).hasMessageContaining("no stock");

    SpanData span = awaitSpan(s -> s.getName().equals("quotes.fail"));
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void aFluxResultIsObservedUntilItCompletes() throws Exception {
    List<Integer> values = proxy().list().collectList().block(Duration.ofSeconds(20));

    assertThat(values).containsExactly(1, 2, 3);
    assertThat(awaitSpan(s -> s.getName().equals("quotes.list")).hasEnded()).isTrue();
  }

  @Test
  void aMonoSubscribedTwiceEndsOneSpanOnce() throws Exception {
    Mono<String> price = proxy().price();
    price.block(Duration.ofSeconds(20));
    price.block(Duration.ofSeconds(20));

    awaitSpan(s -> s.getName().equals("quotes.price"));
    assertThat(capture.spans()).filteredOn(s -> s.getName().equals("quotes.price")).hasSize(1);
    assertThat(capture.metrics().scrape("text/plain").body())
        .containsPattern("quotes_price_duration_seconds_count(\\{[^}]*\\})? 1(\\.0)?\\n");
  }

  @Test
  void aMonoFailingWithAnIgnoredExceptionEndsItsSpanAsASuccess() throws Exception {
    assertThatThrownBy(() -> proxy().absent().block(Duration.ofSeconds(20))).hasMessageContaining("unknown item");

    SpanData span = awaitSpan(s -> s.getName().equals("quotes.absent"));
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }
}
